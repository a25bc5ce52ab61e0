namespace LlamaWoolFarm.Contracts.Accounts;

// OpenID Connect sign-in. The gateway validates the provider's ID token (signature, issuer, audience, expiry, nonce)
// and sends only what it proved: the provider's configured name, the token's issuer and subject. The accounts worker
// owns which player each external identity belongs to (collection external_identities).

/// <summary>
/// Sign in with a validated external identity; a new player is made on its first use. Answered with
/// <see cref="AccountAuthenticated"/> (<c>Created</c> for a new player) or <see cref="AccountRefused"/>.
/// </summary>
public sealed record SignInWithExternalIdentity(string Provider, string Issuer, string Subject, string? RequestId);

/// <summary>
/// Link a validated external identity to a signed-in player, who keeps its player id. Answered with
/// <see cref="AccountAuthenticated"/> or <see cref="AccountRefused"/> (<c>IDENTITY_ALREADY_LINKED</c>,
/// <c>PROVIDER_ALREADY_LINKED</c>).
/// </summary>
public sealed record LinkExternalIdentity(Guid PlayerId, string Provider, string Issuer, string Subject, string? RequestId);

/// <summary>
/// Remove a player's link to a provider. Answered with <see cref="ExternalIdentityUnlinked"/> or
/// <see cref="AccountRefused"/> (<c>IDENTITY_NOT_LINKED</c>, <c>LAST_SIGN_IN_METHOD</c>).
/// </summary>
public sealed record UnlinkExternalIdentity(Guid PlayerId, string Provider, string? RequestId);

/// <summary>The link to the provider is gone.</summary>
public sealed record ExternalIdentityUnlinked(Guid PlayerId, string Provider);
