namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>
/// Command from an admin: ban the player (replacing an earlier ban). Answered by <see cref="PlayerBanned"/> (also
/// published) or <see cref="ModerationRefused"/>.
/// </summary>
public sealed record BanPlayer(Guid PlayerId, Guid AdminId, string Reason, DateTimeOffset? ExpiresAt);
