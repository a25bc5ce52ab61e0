using System.Net.Http.Headers;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>One request the fuzzer sends: the target is sent byte for byte (no client-side path canonicalization).</summary>
public sealed record HostileRequest(string Method, string Target, byte[]? Body, string? ContentType, bool Chunked, string Kind)
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public HttpRequestMessage ToMessage(Uri server, string token)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(server.GetLeftPart(UriPartial.Authority) + Target, Verbatim));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (Body is not null)
        {
            HttpContent content = Chunked ? new ChunkedContent(Body) : new ByteArrayContent(Body);
            content.Headers.ContentType = null;
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            message.Content = content;
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "no body" : Body.Length > 160 ? $"{Body.Length} bytes" : System.Text.Encoding.UTF8.GetString(Body);
        var target = Target.Length > 160 ? Target[..160] + "…" : Target;
        return $"[{Kind}] {Method} {target} ({ContentType ?? "no content type"}{(Chunked ? ", chunked" : "")}) {body}";
    }

    /// <summary>A body of unknown length: it goes out chunked, without Content-Length.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
