namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>A player's ban: why, by whom, since when and until when (null: until lifted).</summary>
public sealed record BanView(Guid PlayerId, string Reason, Guid BannedBy, DateTimeOffset BannedAt, DateTimeOffset? ExpiresAt);
