namespace LlamaWoolFarm.Contracts.Game;

/// <summary>The state of a <see cref="ReplaceGameStateFromSave"/> is stored: at document <c>Version</c>, state revision <c>Revision</c>.</summary>
public sealed record GameStateReplaced(Guid CommandId, Guid PlayerId, long Version, long Revision);
