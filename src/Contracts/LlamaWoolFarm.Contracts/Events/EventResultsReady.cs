namespace LlamaWoolFarm.Contracts.Events;

/// <summary>Tells a participant their final rank and reward (0 when none).</summary>
public sealed record EventResultsReady(Guid PlayerId, Guid EventId, string EventName, long Rank, string Score, long GoldenFleece);
