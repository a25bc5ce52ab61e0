namespace LlamaWoolFarm.Contracts.Players;

/// <summary>What a player sees of its own account.</summary>
public sealed record PlayerProfile(
    Guid PlayerId,
    string? DisplayName,
    string? Email,
    string FriendCode,
    IReadOnlyList<string> Roles,
    bool IsGuest,
    bool TwoFactorEnabled,
    DateTimeOffset CreatedAt);
