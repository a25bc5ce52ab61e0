namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>A player account (collection <c>players</c>, owned by the accounts worker).</summary>
public sealed class PlayerAccount
{
    public Guid PlayerId { get; set; }

    /// <summary>The device a guest account was created from; unique.</summary>
    public string? DeviceId { get; set; }

    public List<string> Roles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The email as the player typed it; null for a guest.</summary>
    public string? Email { get; set; }

    /// <summary>The email trimmed, full-width forms folded and case-folded (<see cref="AccountInputs.EmailKey"/>); unique.</summary>
    public string? EmailKey { get; set; }

    /// <summary>Argon2id PHC string (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>).</summary>
    public string? PasswordHash { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>The display name lower-cased; unique, so two players cannot differ only in letter case.</summary>
    public string? DisplayNameKey { get; set; }

    /// <summary>
    /// The display name's confusable skeleton (<see cref="AccountInputs.DisplayNameSkeleton"/>); unique, so two players
    /// cannot look alike. Null on names given before skeletons until the profile is next read.
    /// </summary>
    public string? DisplayNameSkeleton { get; set; }

    /// <summary>The short code others use to befriend this player; unique.</summary>
    public string? FriendCode { get; set; }

    public List<Guid> Friends { get; set; } = [];

    /// <summary>The TOTP secret once 2FA is verified, sealed with Data Protection (<see cref="TwoFactor.Seal"/>).</summary>
    public string? TotpSecret { get; set; }

    /// <summary>A secret handed out by setup and not yet verified, sealed like <see cref="TotpSecret"/>.</summary>
    public string? TotpPendingSecret { get; set; }

    /// <summary>The TOTP time step last accepted; a code of this step or an earlier one is a replay.</summary>
    public long TotpLastStep { get; set; }

    /// <summary>The player proved the mailbox of <see cref="Email"/> (verification link or password reset).</summary>
    public bool EmailVerified { get; set; }

    /// <summary>
    /// A new email asked for by <c>auth/email/change</c>, waiting for its verification; not indexed. The tokens of the
    /// mails live apart, in <see cref="AccountMailTokens"/>, so mailing never races a login's write of this document.
    /// </summary>
    public string? PendingEmail { get; set; }

    /// <summary>The pending deletion (<c>DELETE players/me</c>); signing in clears it.</summary>
    public Guid? DeletionId { get; set; }

    public DateTimeOffset? DeletionRequestedAt { get; set; }

    /// <summary>When the grace period ends and the purge begins.</summary>
    public DateTimeOffset? DeletionPurgeAt { get; set; }

    /// <summary>The purge has begun: the account only waits to be removed, its keys and credentials are gone.</summary>
    public bool PurgeStarted { get; set; }
}
