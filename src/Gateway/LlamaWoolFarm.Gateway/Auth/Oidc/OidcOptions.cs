using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace LlamaWoolFarm.Gateway.Auth.Oidc;

/// <summary>
/// OpenID Connect sign-in — section <c>Auth:Oidc</c>. Each entry of <see cref="Providers"/> is one provider players may
/// sign in with, under its name in the route (<c>POST auth/oidc/{name}</c>). No providers: the routes answer 404.
/// </summary>
public sealed partial class OidcOptions : IValidatableObject
{
    public const string SectionName = "Auth:Oidc";

    /// <summary>The providers by name (lower-case letters, digits and dashes; matched without regard to case).</summary>
    public Dictionary<string, OidcProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Leeway for the token's <c>exp</c> and <c>nbf</c> against this server's clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the discovery document and signing keys are fetched again when nothing asks sooner.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The least time between two fetches asked for by a token signed with an unknown key (key rotation), so a flood
    /// of forged key ids cannot make the gateway hammer the provider. At least 1 second.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a sign-in waits for the fetch a token with an unknown key asked for.</summary>
    public TimeSpan KeyRefreshWait { get; set; } = TimeSpan.FromSeconds(5);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NamePattern();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, provider) in Providers)
        {
            var key = $"{SectionName}:Providers:{name}";
            if (!NamePattern().IsMatch(name))
            {
                yield return new ValidationResult($"{key}: a provider name is 1-32 lower-case letters, digits and dashes (it is part of the route).");
            }

            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                yield return new ValidationResult($"{key}:Authority must be the provider's absolute URL (its issuer), e.g. https://accounts.example.org.");
            }
            else if (authority.Scheme == "http" && provider.RequireHttpsMetadata)
            {
                yield return new ValidationResult($"{key}:Authority must be https; only local test setups may set {key}:RequireHttpsMetadata=false.");
            }

            if (string.IsNullOrWhiteSpace(provider.ClientId))
            {
                yield return new ValidationResult($"{key}:ClientId is required (the client id this game is registered under at the provider).");
            }

            if (provider.Audiences.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"{key}:Audiences must not hold an empty entry.");
            }
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"{SectionName}:ClockSkew must be between 0 and 5 minutes.");
        }

        if (KeyRefreshInterval < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult($"{SectionName}:KeyRefreshInterval must be at least 1 second.");
        }

        if (MetadataRefreshInterval < TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"{SectionName}:MetadataRefreshInterval must be at least 5 minutes.");
        }

        if (KeyRefreshWait <= TimeSpan.Zero || KeyRefreshWait > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult($"{SectionName}:KeyRefreshWait must be between 0 and 30 seconds.");
        }
    }
}

/// <summary>One OpenID provider (<c>Auth:Oidc:Providers:{name}</c>).</summary>
public sealed class OidcProviderOptions
{
    /// <summary>The provider's issuer URL; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id the game is registered under; the client asks the provider for tokens with it.</summary>
    public string? ClientId { get; set; }

    /// <summary>The <c>aud</c> values accepted; empty means <see cref="ClientId"/> only.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Refuse a discovery document or key set fetched over plain http (only loopback test providers turn it off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The name sign-in buttons show; the provider's name when empty.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The audiences a token may carry.</summary>
    public IReadOnlyList<string> AcceptedAudiences => Audiences.Count > 0 ? Audiences : ClientId is null ? [] : [ClientId];
}
