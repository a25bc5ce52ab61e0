namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>
/// Command from an admin: lift the player's ban and/or mark its anomaly records reviewed (reviewed records no longer
/// count in the score). Answered by <see cref="PlayerCleared"/> or <see cref="ModerationRefused"/>.
/// </summary>
public sealed record ClearPlayer(Guid PlayerId, Guid AdminId, bool LiftBan, bool MarkReviewed, string? Note);
