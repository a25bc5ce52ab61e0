using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>POST game/actions</c>: <c>{ type, target?, quantity? }</c>.</summary>
public sealed record GameActionRequest(string? Type, string? Target, int? Quantity);

public sealed class GameActionRequestValidator : AbstractValidator<GameActionRequest>
{
    /// <summary>The action types the game worker accepts now.</summary>
    public static readonly string[] Types = ["click"];

    public GameActionRequestValidator()
    {
        RuleFor(r => r.Type)
            .NotEmpty()
            .Must(t => Types.Contains(t, StringComparer.Ordinal)).WithMessage($"'Type' must be one of: {string.Join(", ", Types)}.");
        RuleFor(r => r.Quantity).NotNull().InclusiveBetween(1, 100);
        RuleFor(r => r.Target).MaximumLength(64);
    }
}
