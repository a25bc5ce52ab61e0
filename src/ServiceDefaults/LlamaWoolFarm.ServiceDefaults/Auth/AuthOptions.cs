using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.ServiceDefaults.Auth;

/// <summary>Token settings shared by the gateway (which issues) and realtime (which validates) — section <c>Auth</c>.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>HMAC-SHA256 key, base64, at least 32 bytes. Never committed for production.</summary>
    public string? SigningKey { get; set; }

    /// <summary>When no key is configured, generate one into the data folder (development and Standalone only).</summary>
    public bool AllowDevelopmentKey { get; set; }

    public string Issuer { get; set; } = "llamawoolfarm";

    public string Audience { get; set; } = "llamawoolfarm";

    /// <summary>Lifetime of access tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of refresh tokens; each refresh rotates the token but keeps its family's end.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The problems with these settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            if (!AllowDevelopmentKey)
            {
                errors.Add("Auth:SigningKey is required (base64, at least 32 bytes); only development setups may set Auth:AllowDevelopmentKey=true to generate one.");
            }
        }
        else if (!SigningKeys.TryDecode(SigningKey, out _))
        {
            errors.Add("Auth:SigningKey must be base64 of at least 32 bytes.");
        }

        if (string.IsNullOrWhiteSpace(Issuer))
        {
            errors.Add("Auth:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            errors.Add("Auth:Audience must not be empty.");
        }

        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
