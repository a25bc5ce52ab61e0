namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>
/// A player's rank on an all-time board moved enough to tell them (≥ 1 place in the top 100, ≥ 10 elsewhere, or a
/// first rank); at most one per player and category per update batch.
/// </summary>
public sealed record RankChanged(Guid PlayerId, string Category, long? OldRank, long NewRank, string Score, DateTimeOffset At);
