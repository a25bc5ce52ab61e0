namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// The saves worker asks the game worker, the owner of game states, for a player's stored state (request/response),
/// to validate an upload against it, back it up or restore over it. With <c>Create</c> a player without a state gets
/// a new farm first (stored, so the save downloaded from it is the base of the first upload); without it the answer
/// says there is none. Answered with <see cref="GameStateForSave"/>.
/// </summary>
public sealed record GetGameStateForSave(Guid PlayerId, bool Create);
