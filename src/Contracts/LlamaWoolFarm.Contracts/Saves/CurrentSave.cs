namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// The server's current save of the player (its game state as a save, JSON text) and the revision to quote as
/// <c>baseRevision</c> in the next upload; revision 0 means nothing was uploaded or restored yet.
/// </summary>
public sealed record CurrentSave(Guid PlayerId, long Revision, string Save, string Checksum, DateTimeOffset At);
