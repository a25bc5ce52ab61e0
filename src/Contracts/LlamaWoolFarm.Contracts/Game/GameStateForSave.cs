namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// A player's stored game state as the saves worker needs it. <c>State</c> is the Domain <c>PlayerState</c> as JSON
/// (<c>PlayerStateJson</c>), as stored, not materialized. <c>Version</c> is the stored document's version: a
/// <see cref="ReplaceGameStateFromSave"/> naming it wins only if nothing wrote the state since. <c>SaveRevision</c> and
/// <c>SaveCommandId</c> are the save revision the state is and the upload or restore that made it (0 and null before
/// any). <c>Exists</c> is false (and the rest empty) only when the request did not ask to create one.
/// </summary>
public sealed record GameStateForSave(Guid PlayerId, bool Exists, long Version, string State, long SaveRevision, Guid? SaveCommandId);
