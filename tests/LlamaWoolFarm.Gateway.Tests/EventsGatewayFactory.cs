using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Leaderboards;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway with a stubbed leaderboards worker for events: it knows one event, refuses a window that ends before it
/// starts (<c>INVALID_EVENT</c>) and an event named "Clash" (<c>OVERLAPPING_EVENT</c>), as the worker does.
/// </summary>
public sealed class EventsGatewayFactory : GatewayFactory
{
    public static readonly Guid KnownEvent = Guid.Parse("eeeeeeee-0000-0000-0000-000000000001");

    public static readonly DateTimeOffset Start = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public EventsGatewayFactory() => WithBus(x =>
    {
        x.AddHandler<GetActiveEvents>(c => c.RespondAsync(new ActiveEvents(
            [new CompetitionEventView(KnownEvent, "Double weekend", CompetitionEventTypes.DoubleWool, Start, Start.AddDays(2), "running", [])],
            [new CompetitionEventView(Guid.NewGuid(), "Harvest cup", CompetitionEventTypes.Competition, Start.AddDays(7), Start.AddDays(8), "scheduled", [new EventReward(1, 1, 100)])])));
        x.AddHandler<GetEventLeaderboard>(c => c.Message.EventId == KnownEvent
            ? c.RespondAsync(new LeaderboardPage(KnownEvent.ToString(), "event", null, 500, c.Message.Offset, false,
                [new LeaderboardEntryView(c.Message.PlayerId, c.Message.Offset + 1, "42", Start)]))
            : c.RespondAsync(new LeaderboardNotFound(LeaderboardErrorCodes.UnknownEvent, $"There is no event '{c.Message.EventId}'.")));
        x.AddHandler<CreateCompetitionEvent>(c =>
        {
            var m = c.Message;
            return m.EndsAt <= m.StartsAt
                ? c.RespondAsync(new CompetitionEventRefused(m.CommandId, LeaderboardErrorCodes.InvalidEvent, "The event must end after it starts."))
                : m.Name == "Clash"
                    ? c.RespondAsync(new CompetitionEventRefused(m.CommandId, LeaderboardErrorCodes.OverlappingEvent, "Another event of this type overlaps."))
                    : c.RespondAsync(new CompetitionEventView(m.CommandId, m.Name, m.Type, m.StartsAt, m.EndsAt, "scheduled", m.Rewards));
        });
    });
}
