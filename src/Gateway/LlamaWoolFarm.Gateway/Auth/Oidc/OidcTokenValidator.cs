using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LlamaWoolFarm.Gateway.Auth.Oidc;

/// <summary>What a valid ID token proved: who the provider says signed in.</summary>
public sealed record OidcIdentity(string Provider, string Issuer, string Subject);

/// <summary>Why a token was refused (for the log; the client always gets the same code).</summary>
public enum OidcRefusal
{
    None,
    Malformed,
    Signature,
    Issuer,
    Audience,
    Expired,
    Nonce,
    Invalid,
}

/// <summary>
/// Validates ID tokens of the configured providers with Microsoft.IdentityModel: each provider's discovery document
/// and key set come through a <see cref="ConfigurationManager{T}"/> (cached, fetched again every
/// <see cref="OidcOptions.MetadataRefreshInterval"/>, and at once — at most every <see cref="OidcOptions.KeyRefreshInterval"/>
/// — when a token names a key the cached set does not hold, so a provider's key rotation is followed). Checked: the
/// signature with the provider's published keys (asymmetric algorithms only), the issuer of the discovery document,
/// the audience, the expiry (required) and the nonce.
/// </summary>
public sealed class OidcTokenValidator
{
    /// <summary>The name of the HTTP client that fetches discovery documents and key sets.</summary>
    public const string HttpClientName = "oidc-metadata";

    // Only public-key signatures: an HMAC "signed" with a guessable client secret, or "none", proves nothing here.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly OidcOptions _options;
    private readonly Dictionary<string, (OidcProviderOptions Options, ConfigurationManager<OpenIdConnectConfiguration> Metadata, HttpDocumentRetriever Retriever)> _providers;

    // The set a sign-in fetched itself for an unknown key, with the manager's set it replaced: used only while the manager
    // still answers that same old set, so a key the provider withdrew later is never kept alive here.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (OpenIdConnectConfiguration Fresh, OpenIdConnectConfiguration Replaced)> _fetched = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<OidcTokenValidator> _logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> _lastKeyRefresh = new(StringComparer.OrdinalIgnoreCase);

    public OidcTokenValidator(OidcOptions options, IHttpClientFactory http, ILogger<OidcTokenValidator> logger)
    {
        _options = options;
        _logger = logger;
        _providers = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, provider) in options.Providers)
        {
            var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = provider.RequireHttpsMetadata };
            var metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                provider.Authority!.TrimEnd('/') + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever)
            {
                AutomaticRefreshInterval = options.MetadataRefreshInterval,
                RefreshInterval = options.KeyRefreshInterval,
            };
            _providers[name] = (provider, metadata, retriever);
        }
    }

    /// <summary>The configured providers' names and display names (for the web client's buttons).</summary>
    public IEnumerable<(string Name, string DisplayName, string Authority, string ClientId)> Providers =>
        _providers.Select(p => (p.Key, p.Value.Options.DisplayName ?? p.Key, p.Value.Options.Authority!, p.Value.Options.ClientId!));

    public bool Knows(string provider) => _providers.ContainsKey(provider);

    /// <summary>
    /// The nonce a client puts in its authorization request for a given raw nonce: base64url of its SHA-256. The client
    /// sends the raw value here; the token carries only the hash, so a stolen token alone cannot be exchanged.
    /// </summary>
    public static string NonceHash(string rawNonce) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(rawNonce)));

    /// <summary>
    /// Validates <paramref name="idToken"/> for <paramref name="provider"/>. Throws when the provider's metadata cannot be
    /// fetched (the caller answers 503); a bad token is a refusal, never an exception.
    /// </summary>
    public async Task<(OidcIdentity? Identity, OidcRefusal Refusal)> ValidateAsync(string provider, string idToken, string nonce, CancellationToken cancellationToken)
    {
        var (options, metadata, retriever) = _providers[provider];
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return (null, OidcRefusal.Malformed);
        }

        var cached = await metadata.GetConfigurationAsync(cancellationToken);
        var configuration = _fetched.TryGetValue(provider, out var fetched) && ReferenceEquals(fetched.Replaced, cached) ? fetched.Fresh : cached;
        if (!string.IsNullOrEmpty(token.Kid) && !HasKey(configuration, token.Kid) && MayRefreshKeys(provider))
        {
            // A key this gateway has not seen: the provider may have rotated. At most once per KeyRefreshInterval (as
            // the manager's own RequestRefresh), fetch discovery and keys now for this sign-in — the manager refreshes
            // in the background in IdentityModel 8.x, and this answer must not depend on its timing — and ask the
            // manager to refresh too, so later requests get the new set from it.
            metadata.RequestRefresh();
            configuration = await FetchNowAsync(provider, metadata.MetadataAddress, retriever, cached, configuration, cancellationToken);
        }

        // Discovery says which issuer the provider is; it must be the authority configured (OpenID Connect Discovery
        // 1.0, section 4.3), else a wrong setting or a hijacked document would decide whose tokens count.
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), options.Authority!.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The discovery document of OpenID provider '{provider}' names issuer '{configuration.Issuer}', not its configured authority '{options.Authority}'.");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(options, configuration));
        if (!result.IsValid)
        {
            var refusal = result.Exception switch
            {
                SecurityTokenExpiredException or SecurityTokenNoExpirationException or SecurityTokenNotYetValidException => OidcRefusal.Expired,
                SecurityTokenInvalidIssuerException => OidcRefusal.Issuer,
                SecurityTokenInvalidAudienceException => OidcRefusal.Audience,
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => OidcRefusal.Signature,
                _ => OidcRefusal.Invalid,
            };
            _logger.LogInformation("An ID token of {Provider} was refused: {Refusal} ({Reason})", provider, refusal, result.Exception?.GetType().Name);
            return (null, refusal);
        }

        // The token must carry the hash of the nonce the client made for this sign-in (compared in constant time).
        var expected = Encoding.UTF8.GetBytes(NonceHash(nonce));
        var actual = Encoding.UTF8.GetBytes(token.TryGetClaim("nonce", out var claim) ? claim.Value : string.Empty);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            _logger.LogInformation("An ID token of {Provider} was refused: {Refusal}", provider, OidcRefusal.Nonce);
            return (null, OidcRefusal.Nonce);
        }

        if (string.IsNullOrEmpty(token.Subject) || token.Subject.Length > 255)
        {
            return (null, OidcRefusal.Invalid);
        }

        return (new OidcIdentity(provider, token.Issuer, token.Subject), OidcRefusal.None);
    }

    private static bool HasKey(OpenIdConnectConfiguration configuration, string kid) =>
        configuration.SigningKeys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));

    private bool MayRefreshKeys(string provider)
    {
        var now = DateTime.UtcNow;
        var last = _lastKeyRefresh.GetOrAdd(provider, DateTime.MinValue);
        return now - last >= _options.KeyRefreshInterval && _lastKeyRefresh.TryUpdate(provider, now, last);
    }

    private async Task<OpenIdConnectConfiguration> FetchNowAsync(string provider, string address, HttpDocumentRetriever retriever, OpenIdConnectConfiguration cached, OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.KeyRefreshWait);
        try
        {
            var fresh = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, wait.Token);
            _fetched[provider] = (fresh, cached);
            return fresh;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The cached set stays in use; the token is judged against it.
            _logger.LogWarning(e, "OpenID provider {Provider}: the key set could not be fetched again", provider);
            return stale;
        }
    }

    private TokenValidationParameters Parameters(OidcProviderOptions options, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidateIssuer = true,
        ValidAudiences = options.AcceptedAudiences,
        ValidateAudience = true,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        ValidAlgorithms = Algorithms,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = _options.ClockSkew,
    };
}
