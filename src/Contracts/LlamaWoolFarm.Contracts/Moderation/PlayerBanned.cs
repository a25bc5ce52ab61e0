namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>A player was banned until <c>ExpiresAt</c> (null: until lifted). The leaderboards hide it meanwhile.</summary>
public sealed record PlayerBanned(Guid PlayerId, Guid AdminId, string Reason, DateTimeOffset BannedAt, DateTimeOffset? ExpiresAt);
