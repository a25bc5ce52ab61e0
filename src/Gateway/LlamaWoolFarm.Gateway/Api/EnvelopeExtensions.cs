using MassTransit;
using Microsoft.AspNetCore.Diagnostics;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>Puts the framework's own answers (404, 405, 415, 413, malformed JSON, crashes) into the envelope.</summary>
public static class EnvelopeExtensions
{
    /// <summary>
    /// Must come first in the pipeline. Exceptions become 400/413/415 for bad requests, 503 when a worker did not
    /// answer in time, 500 otherwise — never with internals in the body.
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
            // A client's malformed body is answered, not an incident: keep it out of the error log.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
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
                RequestTimeoutException => WriteUnavailableAsync(context),
                _ => ApiResults.WriteErrorAsync(context, 500, ErrorCodes.InternalError, "Something went wrong; quote the request id when reporting it."),
            };
        },
        });
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            var (code, message) = context.Response.StatusCode switch
            {
                401 => (ErrorCodes.Unauthorized, "A valid access token is required."),
                403 => (ErrorCodes.Forbidden, "This account may not do that."),
                404 => (ErrorCodes.NotFound, "There is nothing at this address."),
                405 => (ErrorCodes.MethodNotAllowed, "This address does not accept that method."),
                413 => (ErrorCodes.PayloadTooLarge, "The request body is too large."),
                415 => (ErrorCodes.UnsupportedMediaType, "The body must be application/json."),
                429 => (ErrorCodes.RateLimited, "Too many requests; retry after the Retry-After delay."),
                503 => (ErrorCodes.ServiceUnavailable, "The service is unavailable; retry shortly."),
                >= 500 => (ErrorCodes.InternalError, "Something went wrong; quote the request id when reporting it."),
                _ => (ErrorCodes.ValidationError, "The request is not valid."),
            };
            await ApiResults.WriteErrorAsync(context, context.Response.StatusCode, code, message);
        });
        return app;
    }

    private static Task WriteUnavailableAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "2";
        return ApiResults.WriteErrorAsync(context, 503, ErrorCodes.ServiceUnavailable, "The service did not answer in time; retry shortly.");
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
