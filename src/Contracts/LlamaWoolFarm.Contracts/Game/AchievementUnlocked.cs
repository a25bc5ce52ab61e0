namespace LlamaWoolFarm.Contracts.Game;

/// <summary>An achievement was unlocked by the command <c>CommandId</c> (achievements are kept forever).</summary>
public sealed record AchievementUnlocked(Guid PlayerId, Guid CommandId, string AchievementId, DateTimeOffset UnlockedAt);
