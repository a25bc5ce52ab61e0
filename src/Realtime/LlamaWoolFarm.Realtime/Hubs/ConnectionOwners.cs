using System.Text.Json;
using LlamaWoolFarm.ServiceDefaults.Auth;
using Microsoft.Extensions.Caching.Memory;

namespace LlamaWoolFarm.Realtime.Hubs;

/// <summary>
/// Binds each hub connection to the player that negotiated it. SignalR itself accepts any authenticated request
/// that names a connection token (<c>?id=</c>): a long-polling GET, a send (POST) or a stop (DELETE) from another
/// player with that token would read, write or end the first player's connection. The negotiate answer is read to
/// remember token → player, and every later request on the token must come from that player, or it is answered
/// 404 as if the connection did not exist.
/// </summary>
/// <remarks>
/// In process memory, which is enough because a negotiated connection lives on the replica that negotiated it (long
/// polling and server-sent events need sticky sessions anyway; WebSockets use one request).
/// </remarks>
public sealed class ConnectionOwners : IDisposable
{
    /// <summary>The code of a request on a connection the caller does not own (or that does not exist).</summary>
    public const string ConnectionNotFound = "CONNECTION_NOT_FOUND";

    // Long polls come every 90 s at most; a token idle for this long belongs to a connection SignalR has dropped.
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _owners = new(new MemoryCacheOptions());

    /// <summary>Endpoint convention for the hub's endpoints: wraps negotiate and the connection endpoint.</summary>
    public static void Guard(EndpointBuilder endpoint)
    {
        var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException("A hub endpoint has no request delegate.");
        var negotiate = endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.EndsWith("/negotiate", StringComparison.Ordinal) == true;
        endpoint.RequestDelegate = negotiate
            ? context => context.RequestServices.GetRequiredService<ConnectionOwners>().NegotiateAsync(context, inner)
            : context => context.RequestServices.GetRequiredService<ConnectionOwners>().UseAsync(context, inner);
    }

    public void Dispose() => _owners.Dispose();

    private async Task NegotiateAsync(HttpContext context, RequestDelegate inner)
    {
        var player = Player(context);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await inner(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status200OK && player is not null && Token(buffer) is { } token)
        {
            _owners.Set(token, player, new MemoryCacheEntryOptions { SlidingExpiration = IdleLifetime });
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task UseAsync(HttpContext context, RequestDelegate inner)
    {
        var token = context.Request.Query["id"].ToString();
        // Without a token the request opens a connection of its own (WebSockets with skipNegotiation).
        if (token.Length == 0)
        {
            await inner(context);
            return;
        }

        if (!_owners.TryGetValue(token, out string? owner) || owner != Player(context))
        {
            await Results.Json(
                new
                {
                    success = false,
                    error = new { code = ConnectionNotFound, message = "There is no such connection for this player." },
                    meta = new { timestamp = DateTimeOffset.UtcNow, requestId = context.TraceIdentifier },
                },
                statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        // A WebSocket or event stream may stay open longer than the idle lifetime; its token is kept while it is.
        var stream = context.WebSockets.IsWebSocketRequest || context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.Ordinal);
        if (stream)
        {
            _owners.Set(token, owner, new MemoryCacheEntryOptions { Priority = CacheItemPriority.NeverRemove });
        }

        await inner(context);
        // A stop, or the end of a stream, ends the connection; the end of a long poll does not.
        if (stream || HttpMethods.IsDelete(context.Request.Method))
        {
            _owners.Remove(token);
        }
    }

    private static string? Player(HttpContext context) => context.User.FindFirst(AuthenticationExtensions.SubjectClaim)?.Value;

    // Protocol 1 answers a separate connectionToken; protocol 0 uses the connectionId as the token.
    private static string? Token(MemoryStream body)
    {
        try
        {
            using var json = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            return json.RootElement.TryGetProperty("connectionToken", out var token) && token.GetString() is { Length: > 0 } value
                ? value
                : json.RootElement.TryGetProperty("connectionId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
