using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Auth.Oidc;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/auth/oidc/*</c>: sign-in with the configured OpenID Connect providers. The gateway validates the ID
/// token (<see cref="OidcTokenValidator"/>); the accounts worker owns which player each external identity is. The
/// session answered is the same as every other sign-in's.
/// </summary>
public static class OidcEndpoints
{
    /// <summary>401: the ID token is not valid for this provider (signature, issuer, audience, expiry or nonce).</summary>
    public const string InvalidIdToken = "INVALID_ID_TOKEN";

    /// <summary>404: no provider of this name is configured.</summary>
    public const string UnknownProvider = "UNKNOWN_PROVIDER";

    /// <summary>503: the provider's discovery document or keys could not be fetched.</summary>
    public const string ProviderUnavailable = "PROVIDER_UNAVAILABLE";

    public static RouteGroupBuilder MapOidc(this RouteGroupBuilder api)
    {
        // Answers carry tokens, which must never sit in the idempotency store.
        var oidc = api.MapGroup("/auth/oidc").WithTags("auth").WithoutIdempotencyKeys().RequireRateLimiting(RateLimiting.AuthPolicy);
        oidc.MapGet("/providers", Providers).AllowAnonymous()
            .WithSummary("The configured OpenID providers: name, display name, issuer and client id, for the client's sign-in buttons.")
            .Answers<OidcProvidersView>();
        oidc.MapPost("/{provider}", SignInAsync).AllowAnonymous().Validate<OidcSignInRequest>()
            .WithSummary("Sign in with a provider's ID token and the raw nonce whose SHA-256 (base64url) the token carries; 201 for a new player.")
            .Answers<TokenResponse>().Answers<TokenResponse>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status401Unauthorized, InvalidIdToken)
            .Refuses(StatusCodes.Status403Forbidden, ErrorCodes.AccountBanned)
            .Refuses(StatusCodes.Status404NotFound, UnknownProvider)
            .Refuses(StatusCodes.Status503ServiceUnavailable, ProviderUnavailable);
        oidc.MapPost("/{provider}/link", LinkAsync).Validate<OidcSignInRequest>()
            .WithSummary("Link a provider identity to the signed-in player, who keeps its player id; 409 IDENTITY_ALREADY_LINKED when it signs in another player.")
            .Answers<TokenResponse>()
            .Refuses(StatusCodes.Status401Unauthorized, InvalidIdToken)
            .Refuses(StatusCodes.Status404NotFound, UnknownProvider, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.IdentityAlreadyLinked, AccountErrorCodes.ProviderAlreadyLinked)
            .Refuses(StatusCodes.Status503ServiceUnavailable, ProviderUnavailable);
        oidc.MapDelete("/{provider}/link", UnlinkAsync)
            .WithSummary("Remove the link to a provider; 409 LAST_SIGN_IN_METHOD when the account could not sign in without it.")
            .Answers<OidcUnlinkedView>()
            .Refuses(StatusCodes.Status404NotFound, UnknownProvider, AccountErrorCodes.IdentityNotLinked, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.LastSignInMethod);
        return api;
    }

    private static IResult Providers(HttpContext context, OidcTokenValidator validator) =>
        ApiResults.Ok(context, new OidcProvidersView(validator.Providers.Select(p => new OidcProviderView(p.Name, p.DisplayName, p.Authority, p.ClientId)).ToList()));

    private static async Task<IResult> SignInAsync(string provider, OidcSignInRequest request, HttpContext context, OidcTokenValidator validator, IRequestClient<SignInWithExternalIdentity> accounts, SessionTokens sessions)
    {
        var (identity, problem) = await ValidateAsync(provider, request, context, validator);
        if (identity is null)
        {
            return problem!;
        }

        var response = await accounts.GetResponse<AccountAuthenticated>(
            new SignInWithExternalIdentity(identity.Provider, identity.Issuer, identity.Subject, context.TraceIdentifier), context.RequestAborted);
        var account = response.Message;
        var tokens = await sessions.StartAsync(account.PlayerId, account.Roles, context.RequestAborted);
        return ApiResults.Ok(context, tokens, account.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> LinkAsync(string provider, OidcSignInRequest request, HttpContext context, OidcTokenValidator validator, IRequestClient<LinkExternalIdentity> accounts, SessionTokens sessions)
    {
        var (identity, problem) = await ValidateAsync(provider, request, context, validator);
        if (identity is null)
        {
            return problem!;
        }

        var response = await accounts.GetResponse<AccountAuthenticated, AccountRefused>(
            new LinkExternalIdentity(context.User.PlayerId(), identity.Provider, identity.Issuer, identity.Subject, context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<AccountAuthenticated>? ok)
            ? ApiResults.Ok(context, await sessions.StartAsync(ok.Message.PlayerId, ok.Message.Roles, context.RequestAborted))
            : Refused(context, response);
    }

    private static async Task<IResult> UnlinkAsync(string provider, HttpContext context, OidcTokenValidator validator, IRequestClient<UnlinkExternalIdentity> accounts)
    {
        if (!validator.Knows(provider))
        {
            return Unknown(context);
        }

        var response = await accounts.GetResponse<ExternalIdentityUnlinked, AccountRefused>(
            new UnlinkExternalIdentity(context.User.PlayerId(), provider.ToLowerInvariant(), context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<ExternalIdentityUnlinked>? ok)
            ? ApiResults.Ok(context, new OidcUnlinkedView(ok.Message.Provider, true))
            : Refused(context, response);
    }

    private static async Task<(OidcIdentity? Identity, IResult? Problem)> ValidateAsync(string provider, OidcSignInRequest request, HttpContext context, OidcTokenValidator validator)
    {
        if (!validator.Knows(provider))
        {
            return (null, Unknown(context));
        }

        try
        {
            var (identity, _) = await validator.ValidateAsync(provider.ToLowerInvariant(), request.IdToken!, request.Nonce!, context.RequestAborted);
            return identity is not null
                ? (identity, null)
                : (null, ApiResults.Error(context, StatusCodes.Status401Unauthorized, InvalidIdToken, "The ID token is not valid for this provider (signature, issuer, audience, expiry or nonce)."));
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            context.RequestServices.GetRequiredService<ILogger<OidcTokenValidator>>().LogWarning(e, "OpenID provider {Provider}: its metadata could not be used", provider);
            return (null, ApiResults.Error(context, StatusCodes.Status503ServiceUnavailable, ProviderUnavailable, "The identity provider cannot be reached; try again later."));
        }
    }

    private static IResult Unknown(HttpContext context) =>
        ApiResults.Error(context, StatusCodes.Status404NotFound, UnknownProvider, "No identity provider of this name is configured.");

    private static IResult Refused<T>(HttpContext context, Response<T, AccountRefused> response)
        where T : class =>
        response.Is(out Response<AccountRefused>? refused)
            ? AccountRefusals.ToResult(context, refused.Message)
            : ApiResults.Error(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Unexpected answer from the accounts service.");
}
