namespace LlamaWoolFarm.Gateway.Api;

/// <summary>Questions about a request body that must not depend on how it is framed.</summary>
public static class RequestBody
{
    /// <summary>
    /// True when the request carries at least one byte of body, whether framed by Content-Length or chunked; a
    /// body of unknown length is probed by reading one byte.
    /// </summary>
    public static async Task<bool> IsPresentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }

        var probe = new byte[1];
        return await request.Body.ReadAsync(probe, cancellationToken) > 0;
    }
}
