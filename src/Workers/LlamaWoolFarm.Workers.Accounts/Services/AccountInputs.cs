using System.Text;
using System.Text.RegularExpressions;

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

    /// <summary>The form emails are compared and indexed in.</summary>
    public static string EmailKey(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Why a password is not acceptable, or null when it is.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength ? $"A password has at least {MinPasswordLength} characters."
        : password.Length > MaxPasswordLength ? $"A password has at most {MaxPasswordLength} characters."
        : password.Any(char.IsControl) ? "A password may not hold control characters."
        : string.IsNullOrWhiteSpace(password) ? "A password may not be only spaces."
        : null;

    /// <summary>
    /// A display name as it is kept: Unicode-normalized (NFKC, and full-width forms folded to ASCII, so look-alikes
    /// collide), trimmed, with
    /// inner spaces collapsed; null with a reason when it is not acceptable.
    /// </summary>
    public static (string? Name, string? Problem) CleanDisplayName(string? raw)
    {
        if (raw is null)
        {
            return (null, "A display name is required.");
        }

        if (raw.Length > MaxDisplayNameLength * 4 || raw.Any(char.IsControl))
        {
            return (null, "A display name may not hold control characters or be this long.");
        }

        var name = Spaces().Replace(FoldWidth(raw.Normalize(NormalizationForm.FormKC)).Trim(), " ");
        return name.Length < MinDisplayNameLength || name.Length > MaxDisplayNameLength
            ? (null, $"A display name has {MinDisplayNameLength} to {MaxDisplayNameLength} characters.")
            : !DisplayNamePattern().IsMatch(name)
                ? (null, "A display name may hold letters, digits, spaces and . _ - only.")
                : (name, null);
    }

    // The build runs with invariant globalization, where NFKC leaves full-width forms alone; fold them by hand.
    private static string FoldWidth(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            };
        }
    });

    [GeneratedRegex(@"^[^@\s\p{C}]{1,64}@[^@\s\p{C}]+\.[^@\s\p{C}.]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[\p{L}\p{N} _.\-]+$")]
    private static partial Regex DisplayNamePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
