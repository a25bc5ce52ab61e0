using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>PATCH players/me</c>: the fields a player may change.</summary>
public sealed record ProfilePatchRequest(string? DisplayName);

public sealed class ProfilePatchRequestValidator : AbstractValidator<ProfilePatchRequest>
{
    public ProfilePatchRequestValidator() =>
        RuleFor(r => r.DisplayName)
            .NotEmpty()
            .MaximumLength(96)
            .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("'Display Name' may not hold control characters.");
}
