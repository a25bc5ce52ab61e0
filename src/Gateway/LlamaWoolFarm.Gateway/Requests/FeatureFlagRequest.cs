using System.Text.RegularExpressions;
using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary>
/// <c>PUT admin/features/{name}</c>: <c>enabled</c> false turns the flag off for everyone; true with neither
/// <c>percentage</c> nor <c>players</c> turns it on for everyone; otherwise it is on for <c>percentage</c> % of
/// players (0 … 100) plus the listed <c>players</c>.
/// </summary>
public sealed record FeatureFlagRequest(bool? Enabled, int? Percentage, IReadOnlyList<Guid>? Players);

public sealed partial class FeatureFlagRequestValidator : AbstractValidator<FeatureFlagRequest>
{
    public const int MaxPlayers = 1000;

    public FeatureFlagRequestValidator()
    {
        RuleFor(r => r.Enabled).NotNull();
        RuleFor(r => r.Percentage).InclusiveBetween(0, 100);
        RuleFor(r => r.Players).Must(p => p!.Count <= MaxPlayers).When(r => r.Players is not null)
            .WithMessage($"'players' holds at most {MaxPlayers} player ids.");
        RuleFor(r => r.Players).Must(p => !p!.Contains(Guid.Empty)).When(r => r.Players is not null)
            .WithMessage("A player id is never the empty id.");
        RuleFor(r => r).Must(r => r.Enabled != false || (r.Percentage is null && (r.Players is null || r.Players.Count == 0)))
            .OverridePropertyName("enabled").WithMessage("A flag turned off takes no 'percentage' or 'players'.");
    }

    /// <summary>A flag name: a letter, then letters, digits, '.', '_' or '-', at most 64 characters.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
