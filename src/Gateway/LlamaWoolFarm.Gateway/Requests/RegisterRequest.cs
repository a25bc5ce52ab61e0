using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST auth/register</c>: a new account with an email and password.</summary>
public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Email).Email();
        RuleFor(r => r.Password).NewPassword();
        RuleFor(r => r.DisplayName).MaximumLength(96);
    }
}
