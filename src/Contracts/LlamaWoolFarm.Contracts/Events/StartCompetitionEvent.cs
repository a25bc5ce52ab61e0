namespace LlamaWoolFarm.Contracts.Events;

/// <summary>Scheduled at the event's start for its saga.</summary>
public sealed record StartCompetitionEvent(Guid EventId);
