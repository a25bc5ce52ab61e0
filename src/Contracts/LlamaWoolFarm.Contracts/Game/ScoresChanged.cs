namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// A player's leaderboard scores after a change, published by the game worker. Big numbers are strings
/// (decimal.js notation); <c>Revision</c> is the game state's revision, so consumers drop stale or repeated ones.
/// </summary>
public sealed record ScoresChanged(
    Guid PlayerId,
    long Revision,
    string TotalWool,
    string NetWorth,
    long SoulShears,
    int TotalPrestiges,
    string WoolPerSecond,
    DateTimeOffset At);
