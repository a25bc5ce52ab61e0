namespace LlamaWoolFarm.Contracts.Events;

/// <summary>An event began: its effects apply and, for competitions, wool produced from now on is ranked.</summary>
public sealed record CompetitionEventStarted(Guid EventId, string Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
