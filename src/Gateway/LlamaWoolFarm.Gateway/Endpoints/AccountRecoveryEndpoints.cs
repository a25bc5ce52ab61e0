using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/auth/password/*</c> and <c>/api/v1/auth/email/*</c>: password change and reset by email, email
/// verification and change. The accounts worker checks and mails; the gateway ends the player's sessions after a
/// password change or reset. Every route shares the strict per-address auth rate limit.
/// </summary>
public static class AccountRecoveryEndpoints
{
    public static RouteGroupBuilder MapAccountRecovery(this RouteGroupBuilder api)
    {
        // Answers carry tokens, which must never sit in the idempotency store.
        var auth = api.MapGroup("/auth").WithTags("auth").WithoutIdempotencyKeys().RequireRateLimiting(RateLimiting.AuthPolicy);
        var open = auth.MapGroup(string.Empty).AllowAnonymous();
        auth.MapPost("/password/change", ChangePasswordAsync).Validate<ChangePasswordRequest>()
            .WithSummary("Change the password (current password required); every session of the player ends, a new one is answered.")
            .Answers<TokenResponse>()
            .Refuses(StatusCodes.Status401Unauthorized, AccountErrorCodes.InvalidCredentials)
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.PasswordNotSet);
        open.MapPost("/password/forgot", ForgotPasswordAsync).Validate<ForgotPasswordRequest>()
            .WithSummary("Mail a password reset link; the same 202 answer whether or not the email has an account.")
            .Answers<RequestAccepted>(StatusCodes.Status202Accepted);
        open.MapPost("/password/reset", ResetPasswordAsync).Validate<ResetPasswordRequest>()
            .WithSummary("Set a new password with the token of a reset link (single use, expiring); every session of the player ends.")
            .Answers<PasswordResetDone>()
            .Refuses(StatusCodes.Status400BadRequest, AccountErrorCodes.InvalidResetToken);
        open.MapPost("/email/verify", VerifyEmailAsync).Validate<VerifyEmailRequest>()
            .WithSummary("Confirm an email with the token of a verification link; a pending new email becomes the sign-in email.")
            .Answers<EmailVerifiedView>()
            .Refuses(StatusCodes.Status400BadRequest, AccountErrorCodes.InvalidVerificationToken)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.EmailTaken);
        auth.MapPost("/email/change", ChangeEmailAsync).Validate<ChangeEmailRequest>()
            .WithSummary("Change the email (current password required); it replaces the sign-in email once verified.")
            .Answers<PendingEmailView>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status401Unauthorized, AccountErrorCodes.InvalidCredentials)
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.EmailTaken, AccountErrorCodes.PasswordNotSet);
        auth.MapPost("/email/verify/resend", ResendVerificationAsync)
            .WithSummary("Mail the verification link again (at most one per cooldown).")
            .Answers<VerificationSentView>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.EmailAlreadyVerified, AccountErrorCodes.PasswordNotSet);
        return api;
    }

    private static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest request, HttpContext context, IRequestClient<ChangePassword> accounts, SessionTokens sessions)
    {
        // A worker timeout answers 503 while the change may still apply; the accounts worker's announcement
        // (AccountPasswordChanged) then ends the older sessions, and the same change sent again answers as changed.
        var response = await accounts.GetResponse<PasswordChanged, AccountRefused>(
            new ChangePassword(context.User.PlayerId(), request.CurrentPassword!, request.NewPassword!, context.TraceIdentifier), context.RequestAborted);
        if (!response.Is(out Response<PasswordChanged>? ok))
        {
            return Refused(context, response);
        }

        // Every other device signs in again with the new password; this one carries on with a fresh session.
        await sessions.RevokeAllAsync(ok.Message.PlayerId, context.RequestAborted);
        return ApiResults.Ok(context, await sessions.StartAsync(ok.Message.PlayerId, ok.Message.Roles, context.RequestAborted));
    }

    private static async Task<IResult> ForgotPasswordAsync(ForgotPasswordRequest request, HttpContext context, IRequestClient<RequestPasswordReset> accounts)
    {
        await accounts.GetResponse<PasswordResetAccepted>(new RequestPasswordReset(request.Email!, context.TraceIdentifier), context.RequestAborted);
        return ApiResults.Ok(context, new RequestAccepted(true), StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ResetPasswordAsync(ResetPasswordRequest request, HttpContext context, IRequestClient<ResetPassword> accounts, SessionTokens sessions)
    {
        var response = await accounts.GetResponse<PasswordChanged, AccountRefused>(
            new ResetPassword(request.Token!, request.NewPassword!, context.TraceIdentifier), context.RequestAborted);
        if (!response.Is(out Response<PasswordChanged>? ok))
        {
            return Refused(context, response);
        }

        // Whoever knew the old password (or held a session) is out; the player signs in with the new one.
        await sessions.RevokeAllAsync(ok.Message.PlayerId, context.RequestAborted);
        return ApiResults.Ok(context, new PasswordResetDone(true));
    }

    private static async Task<IResult> VerifyEmailAsync(VerifyEmailRequest request, HttpContext context, IRequestClient<VerifyEmail> accounts)
    {
        var response = await accounts.GetResponse<EmailVerified, AccountRefused>(new VerifyEmail(request.Token!, context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<EmailVerified>? ok)
            ? ApiResults.Ok(context, new EmailVerifiedView(ok.Message.Email, true))
            : Refused(context, response);
    }

    private static async Task<IResult> ChangeEmailAsync(ChangeEmailRequest request, HttpContext context, IRequestClient<ChangeEmail> accounts)
    {
        var response = await accounts.GetResponse<EmailVerificationSent, AccountRefused>(
            new ChangeEmail(context.User.PlayerId(), request.Email!, request.CurrentPassword!, context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<EmailVerificationSent>? ok)
            ? ApiResults.Ok(context, new PendingEmailView(ok.Message.Email), StatusCodes.Status202Accepted)
            : Refused(context, response);
    }

    private static async Task<IResult> ResendVerificationAsync(HttpContext context, IRequestClient<ResendEmailVerification> accounts)
    {
        var response = await accounts.GetResponse<EmailVerificationSent, AccountRefused>(
            new ResendEmailVerification(context.User.PlayerId(), context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<EmailVerificationSent>? ok)
            ? ApiResults.Ok(context, new VerificationSentView(ok.Message.Email), StatusCodes.Status202Accepted)
            : Refused(context, response);
    }

    private static IResult Refused<T>(HttpContext context, Response<T, AccountRefused> response)
        where T : class =>
        response.Is(out Response<AccountRefused>? refused)
            ? AccountRefusals.ToResult(context, refused.Message)
            : ApiResults.Error(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Unexpected answer from the accounts service.");
}
