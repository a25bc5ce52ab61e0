namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>An admin lifted a player's ban; the leaderboards show it again with its score. (A ban that expires lifts itself without an event.)</summary>
public sealed record PlayerBanLifted(Guid PlayerId, Guid AdminId, DateTimeOffset At);
