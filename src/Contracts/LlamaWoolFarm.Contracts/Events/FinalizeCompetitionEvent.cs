namespace LlamaWoolFarm.Contracts.Events;

/// <summary>Command from the saga when an event ends: rank it, grant the rewards once, notify participants, archive it.</summary>
public sealed record FinalizeCompetitionEvent(Guid CommandId, Guid EventId);
