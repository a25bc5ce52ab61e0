namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>One row of a board: rank 1 is the top; <c>Score</c> is a big-number string.</summary>
public sealed record LeaderboardEntryView(Guid PlayerId, long Rank, string Score, DateTimeOffset ReachedAt);
