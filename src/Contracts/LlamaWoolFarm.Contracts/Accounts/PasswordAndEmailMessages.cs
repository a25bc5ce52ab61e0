namespace LlamaWoolFarm.Contracts.Accounts;

// Password change and reset, email verification and change. Requests are answered by the accounts worker; the two
// Send…Mail commands are published by it to itself, so a mail is sent (and retried) apart from the answer, and the
// token it carries is made where it is stored — the clear token never crosses the broker.

/// <summary>Change the password of a signed-in player; answered with <see cref="PasswordChanged"/> or <see cref="AccountRefused"/>.</summary>
public sealed record ChangePassword(Guid PlayerId, string CurrentPassword, string NewPassword, string? RequestId);

/// <summary>The password was changed (or reset); the gateway revokes the player's sessions.</summary>
public sealed record PasswordChanged(Guid PlayerId, IReadOnlyList<string> Roles);

/// <summary>
/// Event: the password of a player was changed or reset at <paramref name="ChangedAt"/> (the accounts worker's clock).
/// The gateways end the player's sessions started before it, whether or not the request that changed it was answered
/// in time (an answer lost to a timeout must not leave a stolen session alive).
/// </summary>
public sealed record AccountPasswordChanged(Guid PlayerId, DateTimeOffset ChangedAt);

/// <summary>Ask for a reset mail; always answered with <see cref="PasswordResetAccepted"/>, whether the email exists or not.</summary>
public sealed record RequestPasswordReset(string Email, string? RequestId);

/// <summary>The same answer for every <see cref="RequestPasswordReset"/>.</summary>
public sealed record PasswordResetAccepted(bool Accepted);

/// <summary>Set a new password with the token of a reset mail; answered with <see cref="PasswordChanged"/> or <see cref="AccountRefused"/>.</summary>
public sealed record ResetPassword(string Token, string NewPassword, string? RequestId);

/// <summary>Confirm an email with the token of a verification mail; answered with <see cref="EmailVerified"/> or <see cref="AccountRefused"/>.</summary>
public sealed record VerifyEmail(string Token, string? RequestId);

/// <summary>The email is confirmed (and, after a change, now the account's sign-in email).</summary>
public sealed record EmailVerified(Guid PlayerId, string Email);

/// <summary>
/// Change the email of a signed-in player (current password required); the new email becomes the account's once it
/// is verified. Answered with <see cref="EmailVerificationSent"/> or <see cref="AccountRefused"/>.
/// </summary>
public sealed record ChangeEmail(Guid PlayerId, string NewEmail, string CurrentPassword, string? RequestId);

/// <summary>Send the verification mail again; answered with <see cref="EmailVerificationSent"/> or <see cref="AccountRefused"/>.</summary>
public sealed record ResendEmailVerification(Guid PlayerId, string? RequestId);

/// <summary>A verification mail is on its way to <c>Email</c>.</summary>
public sealed record EmailVerificationSent(Guid PlayerId, string Email);

/// <summary>Internal: make a reset token for the player and mail it (dropped within the cooldown of the last one).</summary>
public sealed record SendPasswordResetMail(Guid PlayerId);

/// <summary>
/// Internal: make a verification token for the player's pending or unverified email and mail it. A resend
/// (<c>Resend</c>) is dropped within the cooldown of the last verification mail; registration, link and change are not.
/// </summary>
public sealed record SendEmailVerificationMail(Guid PlayerId, bool Resend);
