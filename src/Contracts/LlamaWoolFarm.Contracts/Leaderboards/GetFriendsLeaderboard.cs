namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>
/// Request for the board of the player and the given friends (the gateway asks the accounts worker for them), with
/// global ranks; <see cref="LeaderboardPage"/> or <see cref="LeaderboardNotFound"/>.
/// </summary>
public sealed record GetFriendsLeaderboard(Guid PlayerId, string Category, string Period, string? Season, IReadOnlyList<Guid> FriendIds);
