namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>The top 10 of an all-time board changed; published at most once per second per category and worker.</summary>
public sealed record LeaderboardUpdated(string Category, IReadOnlyList<LeaderboardEntryView> Top, DateTimeOffset At);
