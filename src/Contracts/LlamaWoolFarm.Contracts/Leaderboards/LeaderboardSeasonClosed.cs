namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>A season's standings are final and archived (<c>Period</c> weekly or monthly, <c>Season</c> e.g. <c>2026-W48</c>).</summary>
public sealed record LeaderboardSeasonClosed(string Period, string Season, DateTimeOffset ClosedAt);
