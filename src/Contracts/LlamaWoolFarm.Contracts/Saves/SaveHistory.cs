namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>The player's latest save revisions, newest first.</summary>
public sealed record SaveHistory(Guid PlayerId, long CurrentRevision, IReadOnlyList<SaveRevisionSummary> Revisions);
