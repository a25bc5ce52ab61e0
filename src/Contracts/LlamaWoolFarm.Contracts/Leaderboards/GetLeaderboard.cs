namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>
/// Request for ranks offset+1 … offset+limit of a board; <c>Season</c> names a past season (<c>2026-W48</c>,
/// <c>2026-11</c>), null for the current one. Answered with <see cref="LeaderboardPage"/> or <see cref="LeaderboardNotFound"/>.
/// </summary>
public sealed record GetLeaderboard(Guid PlayerId, string Category, string Period, string? Season, long Offset, int Limit);
