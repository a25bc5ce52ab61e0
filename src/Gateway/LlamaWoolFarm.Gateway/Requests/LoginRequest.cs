using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST auth/login</c>: email, password and, when 2FA is on, the authenticator code.</summary>
public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(CredentialRules.MaxEmailLength);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(CredentialRules.MaxPasswordLength);
        RuleFor(r => r.TwoFactorCode).TotpCode().When(r => r.TwoFactorCode is not null);
    }
}
