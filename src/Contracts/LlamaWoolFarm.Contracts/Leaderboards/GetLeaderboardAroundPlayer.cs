namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>Request for the rows around the player (<c>Radius</c> above and below); <see cref="LeaderboardPage"/> or <see cref="LeaderboardNotFound"/>.</summary>
public sealed record GetLeaderboardAroundPlayer(Guid PlayerId, string Category, string Period, string? Season, int Radius);
