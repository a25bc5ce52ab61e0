using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace LlamaWoolFarm.Testing;

/// <summary>A player as a client sees the system: HTTP to the gateway, a SignalR connection to realtime.</summary>
public sealed class PlayerClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Channel<JsonElement> _pushes = Channel.CreateUnbounded<JsonElement>();
    private HubConnection? _hub;

    private PlayerClient(HttpClient http, string accessToken, Guid playerId)
    {
        _http = http;
        AccessToken = accessToken;
        PlayerId = playerId;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public string AccessToken { get; }

    public Guid PlayerId { get; }

    public HttpClient Http => _http;

    /// <summary>
    /// Starts as a guest on a new device. A 503 with <c>Retry-After</c> (the accounts worker did not answer within the
    /// gateway's 10 s, as on a loaded machine just after the processes started) is sent again after the wait, as the
    /// SDKs do; the same device id signs in to the same account, so a retry never makes a second player.
    /// </summary>
    public static async Task<PlayerClient> StartAsGuestAsync(Uri gateway)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var device = new { deviceId = "device-" + Guid.NewGuid().ToString("N") };
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/guest", device);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait && attempt < 4)
            {
                await Task.Delay(wait);
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, body.ToString());
            var data = body.GetProperty("data");
            return new PlayerClient(http, data.GetProperty("accessToken").GetString()!, data.GetProperty("playerId").GetGuid());
        }
    }

    /// <summary>Connects to the hub and returns once the server said <c>ready</c> (the group subscription exists).</summary>
    public async Task ConnectAsync(Uri realtime)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(realtime, "/hubs/game"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(AccessToken))
            .Build();
        _hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        foreach (var method in new[] { "commandCompleted", "commandRejected", "gameStateChanged", "friendOnline", "friendOffline" })
        {
            _hub.On<JsonElement>(method, m => _pushes.Writer.TryWrite(m));
        }

        await _hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>Posts a click batch and returns the command id from the 202 answer.</summary>
    public async Task<Guid> ClickAsync(int quantity, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions")
        {
            Content = JsonContent.Create(new { type = "click", quantity }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("data").GetProperty("commandId").GetGuid();
    }

    /// <summary>The next push of <paramref name="type"/> whose data names <paramref name="commandId"/>.</summary>
    public async Task<JsonElement> WaitForPushAsync(string type, Guid commandId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var push = await _pushes.Reader.ReadAsync(cts.Token);
            if (push.GetProperty("type").GetString() == type
                && push.GetProperty("data").TryGetProperty("commandId", out var id)
                && id.GetGuid() == commandId)
            {
                return push;
            }
        }
    }

    /// <summary>GETs an API path and returns the envelope's data, asserting success.</summary>
    public async Task<JsonElement> GetDataAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("data");
    }

    /// <summary>The next push of <paramref name="type"/> about the player <paramref name="friendId"/> (presence pushes).</summary>
    public async Task<JsonElement> WaitForFriendPushAsync(string type, Guid friendId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var push = await _pushes.Reader.ReadAsync(cts.Token);
            if (push.GetProperty("type").GetString() == type
                && push.GetProperty("data").TryGetProperty("playerId", out var id)
                && id.GetGuid() == friendId)
            {
                return push;
            }
        }
    }

    /// <summary>Befriends another player by id (both ways).</summary>
    public async Task BefriendAsync(Guid friendId)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/players/me/friends", new { friendId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Closes the hub connection, as closing the tab does.</summary>
    public async Task DisconnectAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
            _hub = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        _http.Dispose();
    }
}
