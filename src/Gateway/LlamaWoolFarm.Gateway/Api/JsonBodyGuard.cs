using System.Buffers;
using System.Text.Json;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// Reads every JSON body the API accepts once, before any endpoint, the idempotency store or the bus sees it: it
/// must be UTF-8, one well-formed JSON value at most 64 levels deep, every string and property name well-formed
/// UTF-16 (no lone surrogate such as <c>"\ud800"</c>), and no object may name a property twice. Anything else is
/// 400 <c>VALIDATION_ERROR</c> with the reason under <c>details.body</c>; the body is then rewound for the endpoint.
/// </summary>
public sealed class JsonBodyGuardMiddleware(RequestDelegate next)
{
    /// <summary>The nesting the API's bodies may have; none of them needs more than a handful of levels.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is null || !request.HasJsonContentType() || request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        // RFC 8259 asks for UTF-8 between systems; a declared other charset would be transcoded by the binder but
        // not by the endpoints that read bytes, so it is refused for all alike.
        var charset = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var media) ? media.Charset.Value : null;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "The body must be UTF-8 application/json.");
            return;
        }

        request.EnableBuffering();
        var (buffer, length) = await ReadAsync(request, context.RequestAborted);
        try
        {
            // An empty body (chunked with no data) is the endpoint's to refuse or accept.
            var problem = length == 0 ? null : JsonBodyCheck.Problem(buffer.AsSpan(0, length), ReaderOptions);
            if (problem is not null)
            {
                var details = new Dictionary<string, string[]> { ["body"] = [problem] };
                await ApiResults.Error(context, StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The body is not valid JSON for this request.", details).ExecuteAsync(context);
                return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        await next(context);
    }

    // The server's body size limit applies while reading (413 through the envelope's exception handler).
    private static async Task<(byte[] Buffer, int Length)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

/// <summary>Wiring of <see cref="JsonBodyGuardMiddleware"/>.</summary>
public static class JsonBodyGuardExtensions
{
    /// <summary>Checks JSON bodies; after authorization, so an anonymous caller cannot make the gateway read bodies.</summary>
    public static IApplicationBuilder UseJsonBodyGuard(this IApplicationBuilder app) => app.UseMiddleware<JsonBodyGuardMiddleware>();
}
