using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST auth/password/change</c>: the current password and the new one.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary><c>POST auth/password/forgot</c>: the email to send a reset link to (if it has an account).</summary>
public sealed record ForgotPasswordRequest(string? Email);

/// <summary><c>POST auth/password/reset</c>: the token of the reset link and the new password.</summary>
public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

/// <summary><c>POST auth/email/verify</c>: the token of the verification link.</summary>
public sealed record VerifyEmailRequest(string? Token);

/// <summary><c>POST auth/email/change</c>: the new email and the current password.</summary>
public sealed record ChangeEmailRequest(string? Email, string? CurrentPassword);

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(CredentialRules.MaxPasswordLength);
        RuleFor(r => r.NewPassword).NewPassword();
    }
}

public sealed class ForgotPasswordRequestValidator : AbstractValidator<ForgotPasswordRequest>
{
    public ForgotPasswordRequestValidator() => RuleFor(r => r.Email).Email();
}

public sealed class ResetPasswordRequestValidator : AbstractValidator<ResetPasswordRequest>
{
    public ResetPasswordRequestValidator()
    {
        RuleFor(r => r.Token).MailToken();
        RuleFor(r => r.NewPassword).NewPassword();
    }
}

public sealed class VerifyEmailRequestValidator : AbstractValidator<VerifyEmailRequest>
{
    public VerifyEmailRequestValidator() => RuleFor(r => r.Token).MailToken();
}

public sealed class ChangeEmailRequestValidator : AbstractValidator<ChangeEmailRequest>
{
    public ChangeEmailRequestValidator()
    {
        RuleFor(r => r.Email).Email();
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(CredentialRules.MaxPasswordLength);
    }
}

/// <summary>The shape of the tokens in account mails: <c>{playerId:N}.{43 base64url characters}</c>.</summary>
internal static class MailTokenRule
{
    public static IRuleBuilderOptions<T, string?> MailToken<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(76).Matches("^[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}$").WithMessage("This is not the token of a mail link.");
}
