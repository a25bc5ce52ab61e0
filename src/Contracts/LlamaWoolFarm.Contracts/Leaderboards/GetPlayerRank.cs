namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>Request for a player's rank on a board; answered with <see cref="PlayerRank"/> or <see cref="LeaderboardNotFound"/>.</summary>
public sealed record GetPlayerRank(Guid PlayerId, string Category, string Period, string? Season);
