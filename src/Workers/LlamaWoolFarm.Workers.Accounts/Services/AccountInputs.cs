using System.Text.RegularExpressions;
using LlamaWoolFarm.Domain.Accounts;

namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>
/// The limits on what players type (the gateway checks the same before asking): emails, passwords, display names.
/// </summary>
public static partial class AccountInputs
{
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;
    public const int MinDisplayNameLength = 3;
    public const int MaxDisplayNameLength = 24;

    /// <summary>Why an email is not acceptable, or null when it is.</summary>
    public static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "An email is required."
        : email.Length > MaxEmailLength ? $"An email has at most {MaxEmailLength} characters."
        : !EmailPattern().IsMatch(email.Trim()) ? "This is not an email address."
        : null;

    /// <summary>The form emails are compared and indexed in: trimmed, full-width forms folded, case-folded.</summary>
    public static string EmailKey(string email) => LookAlikes.EmailKey(email);

    /// <summary>Why a password is not acceptable, or null when it is.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength ? $"A password has at least {MinPasswordLength} characters."
        : password.Length > MaxPasswordLength ? $"A password has at most {MaxPasswordLength} characters."
        : password.Any(char.IsControl) ? "A password may not hold control characters."
        : string.IsNullOrWhiteSpace(password) ? "A password may not be only spaces."
        : null;

    /// <summary>
    /// A display name as it is kept: full-width forms and ligatures folded (the part of NFKC that applies), trimmed,
    /// with inner spaces collapsed; null with a reason when it is not acceptable. Invisible and formatting characters,
    /// spaces other than the ASCII one and compatibility-only letters are refused, not cleaned away, so what is kept
    /// is what the player sees.
    /// </summary>
    public static (string? Name, string? Problem) CleanDisplayName(string? raw)
    {
        if (raw is null)
        {
            return (null, "A display name is required.");
        }

        if (raw.Length > MaxDisplayNameLength * 4)
        {
            return (null, $"A display name has {MinDisplayNameLength} to {MaxDisplayNameLength} characters.");
        }

        var folded = LookAlikes.FoldCompatibility(raw);
        if (LookAlikes.HasHiddenCharacters(folded))
        {
            return (null, "A display name may not hold control, invisible or formatting characters, or spaces other than the ordinary one.");
        }

        var name = Spaces().Replace(folded.Trim(), " ");
        return name.Length < MinDisplayNameLength || name.Length > MaxDisplayNameLength
            ? (null, $"A display name has {MinDisplayNameLength} to {MaxDisplayNameLength} characters.")
            : !DisplayNamePattern().IsMatch(name) || name.Any(LookAlikes.IsCompatibilityLetter)
                ? (null, "A display name may hold letters, digits, spaces and . _ - only.")
                : (name, null);
    }

    /// <summary>The form display names are unique in: their confusable skeleton (look-alikes and letter case collide).</summary>
    public static string DisplayNameSkeleton(string name) => LookAlikes.Skeleton(name);

    [GeneratedRegex(@"^[^@\s\p{C}]{1,64}@[^@\s\p{C}]+\.[^@\s\p{C}.]{2,}$")]
    private static partial Regex EmailPattern();

    // Decimal digits only: superscripts, fractions, circled and Roman-numeral "digits" pass for letters or other digits.
    [GeneratedRegex(@"^[\p{L}\p{Nd} _.\-]+$")]
    private static partial Regex DisplayNamePattern();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
