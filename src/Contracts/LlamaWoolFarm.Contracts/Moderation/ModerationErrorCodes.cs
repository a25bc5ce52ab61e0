namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>Stable codes of <see cref="ModerationRefused"/> and of the ban refusals; never rename one.</summary>
public static class ModerationErrorCodes
{
    /// <summary>No account with that id (404).</summary>
    public const string PlayerNotFound = "PLAYER_NOT_FOUND";

    /// <summary>The account is banned: its access tokens, refresh tokens and sign-ins are refused (403).</summary>
    public const string AccountBanned = "ACCOUNT_BANNED";

    /// <summary>An admin account cannot be banned (422): lift its role first.</summary>
    public const string CannotBanAdmin = "CANNOT_BAN_ADMIN";
}
