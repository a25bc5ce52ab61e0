namespace LlamaWoolFarm.Contracts.Events;

/// <summary>Scheduled at the event's end for its saga.</summary>
public sealed record EndCompetitionEvent(Guid EventId);
