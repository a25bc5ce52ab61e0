using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary>
/// <c>POST game/actions</c>: <c>{ type, target?, quantity? }</c>. The gateway checks shape and limits only; whether
/// an id exists in the catalog and the player can afford it is the game worker's call (stable refusal codes).
/// </summary>
public sealed record GameActionRequest(string? Type, string? Target, int? Quantity);

public sealed class GameActionRequestValidator : AbstractValidator<GameActionRequest>
{
    public const string Click = "click";
    public const string PurchaseBuilding = "purchaseBuilding";
    public const string PurchaseUpgrade = "purchaseUpgrade";
    public const string Prestige = "prestige";

    /// <summary>The action types the game worker accepts.</summary>
    public static readonly string[] Types = [Click, PurchaseBuilding, PurchaseUpgrade, Prestige];

    /// <summary>Catalog ids are short identifiers (<c>barn</c>, <c>click_power_1</c>, <c>timeMachine</c>).</summary>
    private const string IdPattern = "^[A-Za-z][A-Za-z0-9_]{0,63}$";

    public GameActionRequestValidator()
    {
        RuleFor(r => r.Type)
            .NotEmpty()
            .Must(t => Types.Contains(t, StringComparer.Ordinal)).WithMessage($"'Type' must be one of: {string.Join(", ", Types)}.");
        RuleFor(r => r.Target).MaximumLength(64);

        When(r => r.Type == Click, () =>
        {
            RuleFor(r => r.Quantity).NotNull().InclusiveBetween(1, 100);
            RuleFor(r => r.Target).Empty().WithMessage("A click has no target.");
        });
        When(r => r.Type == PurchaseBuilding, () =>
        {
            RuleFor(r => r.Target).NotEmpty().Matches(IdPattern).WithMessage("'Target' must be a building id.");
            RuleFor(r => r.Quantity).InclusiveBetween(1, 100);
        });
        When(r => r.Type == PurchaseUpgrade, () =>
        {
            RuleFor(r => r.Target).NotEmpty().Matches(IdPattern).WithMessage("'Target' must be an upgrade id.");
            RuleFor(r => r.Quantity).Equal(1).When(r => r.Quantity is not null).WithMessage("An upgrade is bought once: 'Quantity' may only be 1.");
        });
        When(r => r.Type == Prestige, () =>
        {
            RuleFor(r => r.Target).Empty().WithMessage("A prestige has no target.");
            RuleFor(r => r.Quantity).Equal(1).When(r => r.Quantity is not null).WithMessage("A prestige has no quantity.");
        });
    }
}
