namespace LlamaWoolFarm.Contracts.Events;

/// <summary>An event as clients see it; <c>Status</c> is scheduled, running, ended or archived.</summary>
public sealed record CompetitionEventView(
    Guid EventId,
    string Name,
    string Type,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Status,
    IReadOnlyList<EventReward> Rewards);
