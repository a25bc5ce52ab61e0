namespace LlamaWoolFarm.Contracts.Events;

/// <summary>
/// An admin (<c>PlayerId</c>) creates a timed event; answered with <see cref="CompetitionEventView"/> or
/// <see cref="CompetitionEventRefused"/>. The same <c>CommandId</c> creates the event once.
/// </summary>
public sealed record CreateCompetitionEvent(
    Guid CommandId,
    Guid PlayerId,
    string? RequestId,
    string Name,
    string Type,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<EventReward> Rewards);
