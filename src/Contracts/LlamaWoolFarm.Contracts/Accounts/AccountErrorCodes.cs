namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>The stable codes of <see cref="AccountRefused"/>; the gateway maps each to its HTTP status. Never rename one.</summary>
public static class AccountErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string TwoFactorRequired = "TWO_FACTOR_REQUIRED";
    public const string InvalidTwoFactorCode = "INVALID_TWO_FACTOR_CODE";
    public const string TwoFactorNotPending = "TWO_FACTOR_NOT_PENDING";
    public const string AlreadyLinked = "ALREADY_LINKED";
    public const string DisplayNameTaken = "DISPLAY_NAME_TAKEN";
    public const string AccountNotFound = "ACCOUNT_NOT_FOUND";
    public const string FriendNotFound = "FRIEND_NOT_FOUND";
    public const string AccountDeleted = "ACCOUNT_DELETED";
    public const string AccountDeletionPending = "ACCOUNT_DELETION_PENDING";
    public const string InvalidResetToken = "INVALID_RESET_TOKEN";
    public const string InvalidVerificationToken = "INVALID_VERIFICATION_TOKEN";
    public const string PasswordNotSet = "PASSWORD_NOT_SET";
    public const string EmailAlreadyVerified = "EMAIL_ALREADY_VERIFIED";
    public const string IdentityAlreadyLinked = "IDENTITY_ALREADY_LINKED";
    public const string ProviderAlreadyLinked = "PROVIDER_ALREADY_LINKED";
    public const string IdentityNotLinked = "IDENTITY_NOT_LINKED";
    public const string LastSignInMethod = "LAST_SIGN_IN_METHOD";
}
