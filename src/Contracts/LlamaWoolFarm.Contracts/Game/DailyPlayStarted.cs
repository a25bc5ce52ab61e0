namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// A player's first change of game state on a UTC day (the game worker's clock): a command or a heartbeat.
/// Published once per player and day, so what needs to know who played on a day (nightly backups) does not have to
/// receive every <see cref="GameStateChanged"/>. <c>CommandId</c> is null for a heartbeat.
/// </summary>
public sealed record DailyPlayStarted(Guid PlayerId, Guid? CommandId, DateTimeOffset At);
