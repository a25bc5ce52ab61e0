namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// The commit point of an accepted upload or a restore (request/response): the game worker replaces the player's
/// state with <c>State</c> (<c>PlayerStateJson</c>) as save revision <c>SaveRevision</c> made by command
/// <c>CommandId</c>, only if the stored document is still at <c>ExpectedVersion</c>. Answered with
/// <see cref="GameStateReplaced"/>, or <see cref="GameStateReplaceRefused"/> when someone wrote the state since it was
/// read (the saves worker then retries its whole command against the newer state). Repeating a replace that already
/// committed answers replaced again and writes nothing.
/// </summary>
public sealed record ReplaceGameStateFromSave(Guid CommandId, Guid PlayerId, long ExpectedVersion, string State, long SaveRevision);
