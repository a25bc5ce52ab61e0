namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// One external identity (an OpenID provider's issuer and subject) and the one player it signs in (collection
/// <c>external_identities</c>, id = <see cref="ExternalIdentityService.IdOf"/>, so an identity can belong to one player
/// only: the store refuses a second insert of the same id).
/// </summary>
public sealed class ExternalIdentity
{
    /// <summary>The configured provider name it was first seen through (for unlinking and the export).</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The <c>iss</c> of the provider's ID tokens.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The <c>sub</c>: the provider's stable id of the user, unique per issuer.</summary>
    public string Subject { get; set; } = string.Empty;

    public Guid PlayerId { get; set; }

    /// <summary><see cref="PlayerId"/> as <c>N</c> text; indexed, to find a player's identities.</summary>
    public string PlayerKey { get; set; } = string.Empty;

    public DateTimeOffset LinkedAt { get; set; }
}
