namespace LlamaWoolFarm.Contracts.Game;

/// <summary>A <see cref="ReplaceGameStateFromSave"/> lost: the stored state is at <c>CurrentVersion</c> (0: it is gone), not the version it named.</summary>
public sealed record GameStateReplaceRefused(Guid CommandId, Guid PlayerId, long CurrentVersion);
