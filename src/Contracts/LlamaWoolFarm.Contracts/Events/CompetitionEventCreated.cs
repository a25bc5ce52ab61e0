namespace LlamaWoolFarm.Contracts.Events;

/// <summary>An event was created; starts its saga (correlated by <c>EventId</c>), which schedules start and end.</summary>
public sealed record CompetitionEventCreated(Guid EventId, string Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
