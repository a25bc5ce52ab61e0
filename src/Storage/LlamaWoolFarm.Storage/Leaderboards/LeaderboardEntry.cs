namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>A player's place on a board: rank 1 is the top; <c>Score</c> in decimal.js notation.</summary>
public sealed record LeaderboardEntry(Guid PlayerId, long Rank, string Score, DateTimeOffset ReachedAt);
