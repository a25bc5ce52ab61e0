using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST auth/2fa/verify</c>: the first code from the authenticator app.</summary>
public sealed record TwoFactorVerifyRequest(string? Code);

public sealed class TwoFactorVerifyRequestValidator : AbstractValidator<TwoFactorVerifyRequest>
{
    public TwoFactorVerifyRequestValidator() => RuleFor(r => r.Code).NotEmpty().TotpCode();
}
