using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Leaderboards;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>An event (collection <c>competition_events</c>, id = event id, indexed by type for the overlap check).</summary>
public sealed class CompetitionEventDocument
{
    public Guid EventId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public List<EventReward> Rewards { get; set; } = [];

    public Guid CreatedBy { get; set; }

    /// <summary>scheduled, running, ended (by time) or archived (final ranking stored, rewards sent).</summary>
    public bool Archived { get; set; }

    public List<LeaderboardEntryView> FinalStandings { get; set; } = [];

    public long Participants { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string StatusAt(DateTimeOffset now) =>
        Archived ? "archived" : now < StartsAt ? "scheduled" : now < EndsAt ? "running" : "ended";

    public bool RunsAt(DateTimeOffset at) => StartsAt <= at && at < EndsAt;

    public CompetitionEventView View(DateTimeOffset now) => new(EventId, Name, Type, StartsAt, EndsAt, StatusAt(now), Rewards);
}
