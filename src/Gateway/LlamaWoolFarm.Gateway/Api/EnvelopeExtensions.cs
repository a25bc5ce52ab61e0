using LlamaWoolFarm.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>Puts the framework's own answers (404, 405, 415, 413, malformed JSON, crashes) into the envelope.</summary>
public static class EnvelopeExtensions
{
    /// <summary>
    /// Must come first in the pipeline. Exceptions become 400/413/415 for bad requests; 503 with <c>Retry-After</c>
    /// when a dependency is unavailable (Redis, the broker, a store behind a worker, a worker that did not answer in
    /// time, a request cancelled because the broker dropped); 500 otherwise — never with internals in the body.
    /// </summary>
    public static IApplicationBuilder UseApiEnvelope(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A client's malformed body is answered, not an incident, and an outage is logged once per request as a
            // warning below: keep both out of the error log (an outage would flood it with stack traces).
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException or Auth.AccountBannedException || Unavailable(c.HttpContext, c.Exception) is not null,
            ExceptionHandler = context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            return error switch
            {
                BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                    ApiResults.WriteErrorAsync(context, 415, ErrorCodes.UnsupportedMediaType, "The body must be application/json."),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                    ApiResults.WriteErrorAsync(context, 413, ErrorCodes.PayloadTooLarge, "The request body is too large."),
                BadHttpRequestException bad => WriteBadRequestAsync(context, bad),
                Auth.AccountBannedException banned => Banned(context, banned.Ban).ExecuteAsync(context),
                not null when Unavailable(context, error) is { } dependency => LogAndWriteUnavailableAsync(context, dependency, error),
                _ => ApiResults.WriteErrorAsync(context, 500, ErrorCodes.InternalError, "Something went wrong; quote the request id when reporting it."),
            };
        },
        });
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Response.StatusCode == 401 && context.Items[ServiceDefaults.Auth.BanList.BannedItem] is ServiceDefaults.Auth.BanEntry ban)
            {
                // A valid token of a banned player: 403 with the stable code, so clients say why instead of signing in again.
                context.Response.StatusCode = 403;
                context.Response.Headers.WWWAuthenticate = default;
                await Banned(context, ban).ExecuteAsync(context);
                return;
            }

            var (code, message) = context.Response.StatusCode switch
            {
                401 => (ErrorCodes.Unauthorized, "A valid access token is required."),
                403 => (ErrorCodes.Forbidden, "This account may not do that."),
                404 => (ErrorCodes.NotFound, "There is nothing at this address."),
                405 => (ErrorCodes.MethodNotAllowed, "This address does not accept that method."),
                413 => (ErrorCodes.PayloadTooLarge, "The request body is too large."),
                415 => (ErrorCodes.UnsupportedMediaType, "The body must be application/json."),
                429 => (ErrorCodes.RateLimited, "Too many requests; retry after the Retry-After delay."),
                503 => (ErrorCodes.ServiceUnavailable, RetryAfterFor(context, "The service is unavailable; retry shortly.")),
                >= 500 => (ErrorCodes.InternalError, "Something went wrong; quote the request id when reporting it."),
                _ => (ErrorCodes.ValidationError, "The request is not valid."),
            };
            await ApiResults.WriteErrorAsync(context, context.Response.StatusCode, code, message);
        });
        return app;
    }

    /// <summary>
    /// Answers 503 <c>SERVICE_UNAVAILABLE</c> with <c>Retry-After</c> for an outage of <paramref name="dependency"/>
    /// (a <see cref="DependencyFailures"/> constant), and counts it.
    /// </summary>
    public static Task WriteUnavailableAsync(HttpContext context, string dependency)
    {
        context.RequestServices.GetService<DependencyOutages>()?.Unavailable(dependency);
        var (retryAfter, message) = dependency switch
        {
            DependencyFailures.Worker => (2, "The service did not answer in time; retry shortly."),
            DependencyFailures.Broker => (DependencyOutages.RetryAfterSeconds, "The message broker is unavailable; retry shortly."),
            DependencyFailures.Redis => (DependencyOutages.RetryAfterSeconds, "The session store is unavailable; retry shortly."),
            _ => (DependencyOutages.RetryAfterSeconds, "A service this request needs is unavailable; retry shortly."),
        };
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiResults.WriteErrorAsync(context, 503, ErrorCodes.ServiceUnavailable, message);
    }

    /// <summary>
    /// The dependency whose outage ended this request, or null for a bug. A cancellation the client did not cause
    /// is the broker gate's (the broker dropped while the request waited on it) or a timeout's.
    /// </summary>
    /// <summary>403 <c>ACCOUNT_BANNED</c>, with the ban's end when it has one.</summary>
    private static IResult Banned(HttpContext context, ServiceDefaults.Auth.BanEntry ban) =>
        ApiResults.Error(context, 403, ErrorCodes.AccountBanned, "This account is banned.", ban.ExpiresAt is { } end
            ? new Dictionary<string, string[]> { ["expiresAt"] = [end.ToString("O", System.Globalization.CultureInfo.InvariantCulture)] }
            : null);

    private static string? Unavailable(HttpContext context, Exception error) =>
        DependencyFailures.Classify(error) ?? (error is OperationCanceledException && !context.RequestAborted.IsCancellationRequested
            ? context.RequestServices.GetService<BrokerWatch>()?.IsDown == true ? DependencyFailures.Broker : DependencyFailures.Timeout
            : null);

    private static Task LogAndWriteUnavailableAsync(HttpContext context, string dependency, Exception error)
    {
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EnvelopeExtensions).FullName!)
            .LogWarning("{Method} {Path} answered 503: {Dependency} unavailable ({Error}: {Message})", context.Request.Method, context.Request.Path, dependency, error.GetType().Name, error.Message);
        return WriteUnavailableAsync(context, dependency);
    }

    // A 503 from elsewhere (an endpoint's own answer) gets a Retry-After too when it has none.
    private static string RetryAfterFor(HttpContext context, string message)
    {
        if (!context.Response.Headers.ContainsKey("Retry-After"))
        {
            context.Response.Headers.RetryAfter = DependencyOutages.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return message;
    }

    // Only the JSON path of the offending value is echoed: the framework's own messages name internal types.
    private static Task WriteBadRequestAsync(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.InnerException is System.Text.Json.JsonException json)
        {
            // A syntax error (a reader exception wrapped with the path) is the body's fault, not a field's.
            var syntaxError = json.InnerException is System.Text.Json.JsonException;
            var field = syntaxError || string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            var details = new Dictionary<string, string[]> { [field] = ["The value is malformed or of the wrong type."] };
            return ApiResults.Error(context, bad.StatusCode, ErrorCodes.ValidationError, "The body is not valid JSON for this request.", details).ExecuteAsync(context);
        }

        var message = bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "A JSON body is required." : "The request is not valid.";
        return ApiResults.WriteErrorAsync(context, bad.StatusCode, ErrorCodes.ValidationError, message);
    }
}
