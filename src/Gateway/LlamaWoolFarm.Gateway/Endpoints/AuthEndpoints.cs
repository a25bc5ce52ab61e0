using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.Storage.Tokens;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/auth</c>: sessions. Guest, register, login and refresh are public and share the strict per-address
/// rate limit; the accounts worker checks credentials, the gateway issues and rotates tokens.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>The code of a login refused because the account or address is locked out.</summary>
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        // Session answers carry tokens and 2FA secrets, which must never sit in the idempotency store.
        var auth = api.MapGroup("/auth").WithTags("auth").WithoutIdempotencyKeys();
        var open = auth.MapGroup(string.Empty).AllowAnonymous().RequireRateLimiting(RateLimiting.AuthPolicy);
        open.MapPost("/guest", GuestAsync).Validate<GuestRequest>()
            .WithSummary("Sign in as the guest of a device id; 201 creates the player, 200 signs an existing one in.")
            .Answers<TokenResponse>().Answers<TokenResponse>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status403Forbidden, ErrorCodes.AccountBanned);
        open.MapPost("/register", RegisterAsync).Validate<RegisterRequest>()
            .WithSummary("Create an account with an email and a password, and sign it in.")
            .Answers<TokenResponse>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, AccountErrorCodes.ValidationError)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.EmailTaken, AccountErrorCodes.DisplayNameTaken);
        open.MapPost("/login", LoginAsync).Validate<LoginRequest>()
            .WithSummary("Sign in with an email and a password (and the 2FA code when it is on).")
            .Answers<TokenResponse>()
            .Refuses(StatusCodes.Status401Unauthorized, AccountErrorCodes.InvalidCredentials, AccountErrorCodes.TwoFactorRequired, AccountErrorCodes.InvalidTwoFactorCode)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.PasswordNotSet)
            .Refuses(StatusCodes.Status410Gone, AccountErrorCodes.AccountDeleted)
            .Refuses(StatusCodes.Status429TooManyRequests, TooManyAttempts)
            .Refuses(StatusCodes.Status403Forbidden, ErrorCodes.AccountBanned);
        open.MapPost("/refresh", RefreshAsync).Validate<RefreshRequest>()
            .WithSummary("Swap a refresh token (single use) for a new access and refresh token.")
            .Answers<TokenResponse>()
            .Refuses(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, AccountErrorCodes.AccountDeletionPending, AccountErrorCodes.AccountDeleted)
            .Refuses(StatusCodes.Status403Forbidden, ErrorCodes.AccountBanned);
        auth.MapPost("/logout", LogoutAsync).Validate<RefreshRequest>()
            .WithSummary("End the session of a refresh token of the caller.")
            .Answers<LoggedOutView>();
        auth.MapPost("/link", LinkAsync).Validate<LinkRequest>().RequireRateLimiting(RateLimiting.AuthPolicy)
            .WithSummary("Give the guest an email and a password; the player keeps its id.")
            .Answers<TokenResponse>()
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.EmailTaken, AccountErrorCodes.AlreadyLinked);
        auth.MapPost("/2fa/setup", SetupTwoFactorAsync)
            .WithSummary("Start turning two-factor sign-in on: a TOTP secret and its provisioning URI.")
            .Answers<TwoFactorSetupStarted>()
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.PasswordNotSet);
        auth.MapPost("/2fa/verify", VerifyTwoFactorAsync).Validate<TwoFactorVerifyRequest>()
            .WithSummary("Confirm two-factor sign-in with a code of the new secret.")
            .Answers<TwoFactorEnabledView>()
            .Refuses(StatusCodes.Status401Unauthorized, AccountErrorCodes.InvalidTwoFactorCode)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.TwoFactorNotPending);
        return api;
    }

    private static async Task<IResult> GuestAsync(GuestRequest request, HttpContext context, IGuestAccounts accounts, SessionTokens sessions)
    {
        var account = await accounts.SignInAsync(request.DeviceId!, context.TraceIdentifier, context.RequestAborted);
        var tokens = await sessions.StartAsync(account.PlayerId, account.Roles, context.RequestAborted);
        return ApiResults.Ok(context, tokens, account.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest request, HttpContext context, IRequestClient<RegisterAccount> accounts, SessionTokens sessions)
    {
        var response = await accounts.GetResponse<AccountAuthenticated, AccountRefused>(
            new RegisterAccount(request.Email!, request.Password!, request.DisplayName, context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<AccountAuthenticated>? ok)
            ? ApiResults.Ok(context, await sessions.StartAsync(ok.Message.PlayerId, ok.Message.Roles, context.RequestAborted), StatusCodes.Status201Created)
            : Refused(context, response);
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, IRequestClient<LoginAccount> accounts, SessionTokens sessions, LoginThrottle throttle)
    {
        var address = RateLimiting.Address(context);
        var locked = await throttle.LockedForAsync(request.Email!, address, context.RequestAborted);
        if (locked is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Error(context, StatusCodes.Status429TooManyRequests, TooManyAttempts, "Too many failed logins; retry after the Retry-After delay.");
        }

        var response = await accounts.GetResponse<AccountAuthenticated, AccountRefused>(
            new LoginAccount(request.Email!, request.Password!, request.TwoFactorCode, context.TraceIdentifier), context.RequestAborted);
        if (response.Is(out Response<AccountAuthenticated>? ok))
        {
            await throttle.SucceededAsync(request.Email!, address, context.RequestAborted);
            return ApiResults.Ok(context, await sessions.StartAsync(ok.Message.PlayerId, ok.Message.Roles, context.RequestAborted));
        }

        if (response.Is(out Response<AccountRefused>? refused) && refused.Message.Code is AccountErrorCodes.InvalidCredentials or AccountErrorCodes.InvalidTwoFactorCode)
        {
            await throttle.FailedAsync(request.Email!, address, context.RequestAborted);
        }

        return Refused(context, response);
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, HttpContext context, SessionTokens sessions, IRequestClient<GetAccountStatus> accounts)
    {
        var (tokens, outcome) = await sessions.RefreshAsync(request.RefreshToken!, context.RequestAborted);
        if (tokens is null)
        {
            return ApiResults.Error(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, outcome switch
            {
                RefreshTokenOutcome.Reused => "This refresh token was used before; the session is revoked. Sign in again.",
                RefreshTokenOutcome.Revoked => "This session was signed out. Sign in again.",
                _ => "The refresh token is not valid.",
            });
        }

        // A session outlives neither the account nor a pending deletion: only signing in (which cancels it) goes on.
        var status = (await accounts.GetResponse<AccountStatus>(new GetAccountStatus(tokens.PlayerId), context.RequestAborted)).Message;
        if (status.Status == AccountStatuses.Active)
        {
            return ApiResults.Ok(context, tokens);
        }

        await sessions.RevokeAsync(tokens.RefreshToken!, tokens.PlayerId, context.RequestAborted);
        return status.Status == AccountStatuses.DeletionPending
            ? ApiResults.Error(context, StatusCodes.Status401Unauthorized, AccountErrorCodes.AccountDeletionPending, "This account is to be deleted; sign in to keep it.")
            : ApiResults.Error(context, StatusCodes.Status401Unauthorized, AccountErrorCodes.AccountDeleted, "This account no longer exists.");
    }

    // Only the caller's own sessions end; another player's token is answered alike (so the answer tells nothing about
    // it) and left alone.
    private static async Task<IResult> LogoutAsync(RefreshRequest request, HttpContext context, SessionTokens sessions)
    {
        await sessions.RevokeAsync(request.RefreshToken!, context.User.PlayerId(), context.RequestAborted);
        return ApiResults.Ok(context, new LoggedOutView(true));
    }

    private static async Task<IResult> LinkAsync(LinkRequest request, HttpContext context, IRequestClient<LinkAccount> accounts, SessionTokens sessions)
    {
        var response = await accounts.GetResponse<AccountAuthenticated, AccountRefused>(
            new LinkAccount(context.User.PlayerId(), request.Email!, request.Password!, context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<AccountAuthenticated>? ok)
            ? ApiResults.Ok(context, await sessions.StartAsync(ok.Message.PlayerId, ok.Message.Roles, context.RequestAborted))
            : Refused(context, response);
    }

    private static async Task<IResult> SetupTwoFactorAsync(HttpContext context, IRequestClient<SetupTwoFactor> accounts)
    {
        var response = await accounts.GetResponse<TwoFactorSetupStarted, AccountRefused>(new SetupTwoFactor(context.User.PlayerId(), context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<TwoFactorSetupStarted>? ok) ? ApiResults.Ok(context, ok.Message) : Refused(context, response);
    }

    private static async Task<IResult> VerifyTwoFactorAsync(TwoFactorVerifyRequest request, HttpContext context, IRequestClient<VerifyTwoFactor> accounts)
    {
        var response = await accounts.GetResponse<TwoFactorEnabled, AccountRefused>(
            new VerifyTwoFactor(context.User.PlayerId(), request.Code!, context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<TwoFactorEnabled>? ok) ? ApiResults.Ok(context, new TwoFactorEnabledView(true)) : Refused(context, response);
    }

    private static IResult Refused<T>(HttpContext context, Response<T, AccountRefused> response)
        where T : class =>
        response.Is(out Response<AccountRefused>? refused)
            ? AccountRefusals.ToResult(context, refused.Message)
            : ApiResults.Error(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Unexpected answer from the accounts service.");
}
