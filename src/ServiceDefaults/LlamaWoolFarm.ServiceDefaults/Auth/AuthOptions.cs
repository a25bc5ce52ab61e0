namespace LlamaWoolFarm.ServiceDefaults.Auth;

/// <summary>Token settings shared by the gateway (which issues) and realtime (which validates) — section <c>Auth</c>.</summary>
public sealed class AuthOptions
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
}
