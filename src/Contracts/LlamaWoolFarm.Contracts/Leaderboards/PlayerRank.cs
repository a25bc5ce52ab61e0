namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>A player's place on a board; <c>Rank</c> and <c>Score</c> are null when the player is not on it.</summary>
public sealed record PlayerRank(Guid PlayerId, string Category, string Period, string? Season, long? Rank, string? Score, long Total);
