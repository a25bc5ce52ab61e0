using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Idempotency;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs under <c>/api</c>: the first request with a key runs and its answer (status and
/// body) is kept per player (or client address, without a token) and key for the retention; a repeat of the same
/// request gets that answer again, marked <c>Idempotent-Replayed: true</c>, without running. The same key with
/// another request (method, path, query or body) is 422 <c>IDEMPOTENCY_KEY_REUSED</c>; a repeat while the first
/// still runs is 409 <c>IDEMPOTENCY_KEY_IN_USE</c> with <c>Retry-After</c>, so nothing waits in the gateway. Server
/// errors (5xx) are not kept: the key is freed, and a retry runs again.
/// While the store is unavailable a request with a key is refused with 503 and <c>Retry-After</c> before it runs:
/// running it without a record would let the client's retry run it a second time. When the store fails only after
/// the request ran, the client still gets the answer (the work is done); the claim then lapses with its lifetime.
/// The header itself is parsed here once (<see cref="IdempotencyKey"/>), for every POST under <c>/api</c> and every
/// endpoint that takes the key (<c>PUT saves/current</c>, which is idempotent by its command id and keeps no answer
/// here); endpoints receive the parsed key.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IIdempotencyStore store, IdempotencyOptions options, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = IdempotencyKey.HeaderName;

    /// <summary>Marks an answer that is a replay of the first one.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    // Larger answers are not kept (the key is freed); no POST of the API answers anything near this.
    private const int MaxStoredBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!TakesKey(context, out var replays) || !context.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next(context);
            return;
        }

        if (!IdempotencyKey.TryParse(values, out var key))
        {
            var details = new Dictionary<string, string[]> { [HeaderName] = [IdempotencyKey.Rule] };
            await ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The Idempotency-Key header is not valid.", details).ExecuteAsync(context);
            return;
        }

        context.Features.Set(key);
        if (!replays)
        {
            await next(context);
            return;
        }

        var storeKey = StoreKey(Scope(context), key!.Value);
        var fingerprint = await FingerprintAsync(context.Request);
        IdempotencyClaim claim;
        try
        {
            claim = await store.ClaimAsync(storeKey, fingerprint, options.ClaimLifetime, context.RequestAborted);
        }
        catch (Exception e) when (DependencyFailures.Classify(e) is { } dependency)
        {
            logger.LogWarning("The idempotency store is unavailable ({Error}); a request with a key is refused before it runs.", e.Message);
            await EnvelopeExtensions.WriteUnavailableAsync(context, dependency);
            return;
        }

        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Completed:
                await ReplayAsync(context, claim.Response!);
                return;
            case IdempotencyOutcome.Mismatch:
                await ApiResults.WriteErrorAsync(context, 422, ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was used for another request; use a new key.");
                return;
            case IdempotencyOutcome.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await ApiResults.WriteErrorAsync(context, 409, ErrorCodes.IdempotencyKeyInUse, "A request with this Idempotency-Key is still running; retry after the Retry-After delay.");
                return;
            default:
                await RunAndKeepAsync(context, storeKey, claim.ClaimToken!);
                return;
        }
    }

    /// <summary>The store key: the player (or, without a token, the client address) and the client's key.</summary>
    public static string StoreKey(string scope, string key) => scope + "|" + key;

    /// <summary>Whose keys these are: <c>player:{id}</c>, or <c>address:{ip}</c> for a request without a token.</summary>
    public static string Scope(HttpContext context) =>
        context.User.FindFirst(AuthenticationExtensions.SubjectClaim)?.Value is { } player
            ? "player:" + player
            : "address:" + RateLimiting.Address(context);

    // Every POST under /api (its answer is kept and replayed) and every endpoint whose handler takes the key take
    // the header; the session routes opt out. Elsewhere the header means nothing and is ignored, as before.
    private static bool TakesKey(HttpContext context, out bool replays)
    {
        replays = false;
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<WithoutIdempotencyKeys>() is not null)
        {
            return false;
        }

        replays = HttpMethods.IsPost(context.Request.Method)
            && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true;
        return replays || endpoint.Metadata.GetMetadata<TakesIdempotencyKey>() is not null;
    }

    // The request as a hash: the same key may only ever stand for this method, path, query and body.
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        context.Response.Headers[ReplayedHeaderName] = "true";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    // The answer is buffered so it can be kept before it is sent; API answers are small JSON envelopes.
    private async Task RunAndKeepAsync(HttpContext context, string storeKey, string claimToken)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await KeepOrReleaseAsync(storeKey, claimToken, null);
            throw;
        }

        context.Response.Body = original;
        var status = context.Response.StatusCode;
        var kept = status < 500 && buffer.Length <= MaxStoredBodyBytes
            ? new IdempotentResponse(status, context.Response.ContentType, buffer.ToArray())
            : null;
        await KeepOrReleaseAsync(storeKey, claimToken, kept);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // Keeps the answer (or frees the key when there is none to keep). A store outage here must not turn an answer
    // the request already earned into an error: the claim lapses after its lifetime instead.
    private async Task KeepOrReleaseAsync(string storeKey, string claimToken, IdempotentResponse? kept)
    {
        try
        {
            if (kept is not null)
            {
                await store.CompleteAsync(storeKey, claimToken, kept, options.Retention, CancellationToken.None);
            }
            else
            {
                await store.ReleaseAsync(storeKey, claimToken, CancellationToken.None);
            }
        }
        catch (Exception e) when (DependencyFailures.Classify(e) is not null)
        {
            logger.LogWarning("The idempotency store is unavailable ({Error}); the answer is sent without being kept, and the key lapses after {ClaimLifetime}.", e.Message, options.ClaimLifetime);
        }
    }
}

/// <summary>Endpoint metadata: the route ignores <c>Idempotency-Key</c> (its answers carry credentials that must not be kept).</summary>
public sealed class WithoutIdempotencyKeys
{
    public static readonly WithoutIdempotencyKeys Instance = new();
}

/// <summary>Wiring of <see cref="IdempotencyMiddleware"/>.</summary>
public static class IdempotencyExtensions
{
    /// <summary>Runs the idempotency-key handling; after authorization, so the player is known and refusals are not kept.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();

    /// <summary>Exempts the routes of a group or endpoint from <c>Idempotency-Key</c> handling.</summary>
    public static TBuilder WithoutIdempotencyKeys<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Api.WithoutIdempotencyKeys.Instance);
}
