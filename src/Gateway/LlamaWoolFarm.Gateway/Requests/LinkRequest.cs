using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST auth/link</c>: add an email and password to the signed-in guest account.</summary>
public sealed record LinkRequest(string? Email, string? Password);

public sealed class LinkRequestValidator : AbstractValidator<LinkRequest>
{
    public LinkRequestValidator()
    {
        RuleFor(r => r.Email).Email();
        RuleFor(r => r.Password).NewPassword();
    }
}
