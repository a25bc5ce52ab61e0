using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>
/// What only a real server shows: requests written byte for byte on a socket to Standalone on Kestrel, so no client
/// canonicalizes the path or chooses the framing.
/// </summary>
public sealed class KestrelEdgeTests(KestrelEdgeTests.Server server) : IClassFixture<KestrelEdgeTests.Server>
{
    private readonly FuzzHost _host = server.Host;

    // Each test signs in its own guest: the probe for a scheduled deletion schedules one.
    private string _token = null!;

    [Theory]
    [InlineData("/api/v1/players/me/friends/%2e%2e")]
    [InlineData("/api/v1/players/me/friends/..")]
    [InlineData("/api/v1/players/me/friends/%2E%2E/")]
    [InlineData("/api/v1/players/me/x/%2e%2e/")]
    public async Task A_dot_segment_never_resolves_into_delete_players_me(string target)
    {
        await SignInAsync();
        var (status, body) = await RawAsync($"DELETE {target} HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer {_token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_ERROR", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
        await AssertNoDeletionScheduledAsync();
    }

    [Fact]
    public async Task A_chunked_body_on_delete_players_me_is_400_and_schedules_nothing()
    {
        await SignInAsync();
        const string Body = """{"confirm":true}""";
        var (status, body) = await RawAsync(
            $"DELETE /api/v1/players/me HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer {_token}\r\nContent-Type: application/json\r\n" +
            $"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{Body.Length:x}\r\n{Body}\r\n0\r\n\r\n");

        Assert.Equal(400, status);
        Assert.Contains("takes no body", body, StringComparison.Ordinal);
        await AssertNoDeletionScheduledAsync();
    }

    [Fact]
    public async Task An_overlong_target_is_an_enveloped_414_up_to_kestrels_own_limit_and_a_bare_one_past_it()
    {
        await SignInAsync();
        var enveloped = await RawAsync($"GET /api/v1/saves/history?x={new string('a', 10 * 1024)} HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer {_token}\r\nConnection: close\r\n\r\n");
        var bare = await RawAsync($"GET /api/v1/saves/history?x={new string('a', 20 * 1024)} HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n\r\n");
        var headers = await RawAsync($"GET /api/v1/saves/history HTTP/1.1\r\nHost: fuzz\r\nX-Pad: {new string('h', 40 * 1024)}\r\nConnection: close\r\n\r\n");

        Assert.Equal(414, enveloped.Status);
        Assert.Equal("URI_TOO_LONG", JsonDocument.Parse(enveloped.Body).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(431, headers.Status);
        Assert.Equal("HEADERS_TOO_LARGE", JsonDocument.Parse(headers.Body).RootElement.GetProperty("error").GetProperty("code").GetString());
        // Past twice the API's limit Kestrel answers itself, before the pipeline: documented, bounded, bare.
        Assert.Equal(414, bare.Status);
        Assert.Equal(string.Empty, bare.Body);
    }

    private async Task SignInAsync() => _token = await _host.GuestTokenAsync("kestrel-edge-" + Guid.NewGuid().ToString("N"));

    // A scheduled deletion ends the player's sessions' refresh and shows in a repeated DELETE as replayed; the
    // profile stays readable either way, so the repeated request is the probe: it must be the first deletion.
    private async Task AssertNoDeletionScheduledAsync()
    {
        var (status, body) = await RawAsync($"DELETE /api/v1/players/me HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer {_token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Assert.Equal(202, status);
        Assert.False(JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("replayed").GetBoolean(), "a deletion had already been scheduled");
    }

    private async Task<(int Status, string Body)> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..split];
        var rest = response[(split + 4)..];
        return (status, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(rest) : rest);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var position = 0;
        while (true)
        {
            var end = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[position..end], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, end + 2, size);
            position = end + 2 + size + 2;
        }
    }

    /// <summary>One Standalone on Kestrel for the class.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public FuzzHost Host { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Host = new FuzzHost();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
