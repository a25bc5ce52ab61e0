namespace LlamaWoolFarm.Contracts.Players;

/// <summary>Request to change the profile; answered with <see cref="PlayerProfile"/> or <see cref="Accounts.AccountRefused"/>.</summary>
public sealed record UpdateProfile(Guid PlayerId, string? DisplayName, string? RequestId);
