namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>A leaderboard query named something that does not exist; <c>Code</c> is a <see cref="LeaderboardErrorCodes"/> value.</summary>
public sealed record LeaderboardNotFound(string Code, string Message);
