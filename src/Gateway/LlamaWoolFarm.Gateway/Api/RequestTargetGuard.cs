using Microsoft.AspNetCore.Http.Features;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// Checks the request line and headers as the client sent them, before routing acts on them: a path with a dot
/// segment (<c>.</c>, <c>..</c>, or encoded as <c>%2e</c>) is 400 — Kestrel would otherwise resolve
/// <c>/players/me/friends/%2e%2e</c> to <c>/players/me</c> — and a target or header block over the API's limits is
/// 414 <c>URI_TOO_LONG</c> or 431 <c>HEADERS_TOO_LARGE</c> in the envelope. Kestrel's own limits sit at twice these,
/// so only what exceeds those gets Kestrel's bare answer.
/// </summary>
public sealed class RequestTargetGuardMiddleware(RequestDelegate next)
{
    /// <summary>The longest request target (path and query) the API answers.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>The largest header block (names and values) the API answers.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = string.IsNullOrEmpty(raw) ? context.Request.Path.Value + context.Request.QueryString.Value : raw;
        if (target.Length > MaxTargetLength)
        {
            return ApiResults.WriteErrorAsync(context, StatusCodes.Status414RequestUriTooLong, ErrorCodes.UriTooLong, $"The request target is longer than {MaxTargetLength} characters.");
        }

        if (HeaderBytes(context.Request.Headers) > MaxHeaderBytes)
        {
            return ApiResults.WriteErrorAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCodes.HeadersTooLarge, $"The request headers are larger than {MaxHeaderBytes / 1024} KiB.");
        }

        if (HasDotSegment(target))
        {
            var details = new Dictionary<string, string[]> { ["path"] = ["A path segment may not be '.' or '..', plain or percent-encoded."] };
            return ApiResults.Error(context, StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The request path is not valid.", details).ExecuteAsync(context);
        }

        return next(context);
    }

    /// <summary>True when a segment of the target's path is <c>.</c> or <c>..</c>, with any dot percent-encoded.</summary>
    public static bool HasDotSegment(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var end = target.IndexOfAny(['?', '#']);
        var path = end < 0 ? target : target[..end];
        foreach (var segment in path.Split('/'))
        {
            var decoded = segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (decoded is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total;
    }
}

/// <summary>Wiring of <see cref="RequestTargetGuardMiddleware"/>.</summary>
public static class RequestTargetGuardExtensions
{
    /// <summary>Checks the request target and header size; right after the envelope, before anything reads the path.</summary>
    public static IApplicationBuilder UseRequestTargetGuard(this IApplicationBuilder app) => app.UseMiddleware<RequestTargetGuardMiddleware>();
}
