using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary>The documented limits on credentials, checked before the accounts worker is asked (it checks them again).</summary>
internal static class CredentialRules
{
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(MaxEmailLength).EmailAddress();

    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .Length(MinPasswordLength, MaxPasswordLength)
            .Must(p => p is null || !p.Any(char.IsControl)).WithMessage("'Password' may not hold control characters.");

    public static IRuleBuilderOptions<T, string?> TotpCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches("^[0-9]{6}$").WithMessage("The code has 6 digits.");
}
