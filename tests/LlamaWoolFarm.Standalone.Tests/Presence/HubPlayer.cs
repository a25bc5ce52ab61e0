using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.Standalone.Tests.Presence;

/// <summary>A guest of an in-memory Standalone with its HTTP client and hub connections, collecting presence pushes.</summary>
internal sealed class HubPlayer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly Channel<JsonElement> _pushes = Channel.CreateUnbounded<JsonElement>();
    private readonly List<HubConnection> _connections = [];

    private HubPlayer(WebApplicationFactory<Program> factory, HttpClient http, string token, Guid playerId)
    {
        _factory = factory;
        Http = http;
        Token = token;
        PlayerId = playerId;
    }

    public HttpClient Http { get; }

    public string Token { get; }

    public Guid PlayerId { get; }

    public static async Task<HubPlayer> SignInAsync(WebApplicationFactory<Program> factory)
    {
        var http = factory.CreateClient();
        using var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "presence-" + Guid.NewGuid().ToString("N") });
        var data = (await guest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var token = data.GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new HubPlayer(factory, http, token, data.GetProperty("playerId").GetGuid());
    }

    public async Task BefriendAsync(HubPlayer other)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/players/me/friends", new { friendId = other.PlayerId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens a hub connection (a browser tab) and returns once the server said <c>ready</c>.</summary>
    public async Task<HubConnection> ConnectAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.Server.BaseAddress, "/hubs/game"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(Token);
                o.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        hub.On<JsonElement>("friendOnline", m => _pushes.Writer.TryWrite(m));
        hub.On<JsonElement>("friendOffline", m => _pushes.Writer.TryWrite(m));
        await hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));
        _connections.Add(hub);
        return hub;
    }

    /// <summary>The next presence push about <paramref name="friend"/>, whatever its type, within the timeout.</summary>
    public async Task<JsonElement> NextPushAboutAsync(HubPlayer friend, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var push = await _pushes.Reader.ReadAsync(cts.Token);
            if (push.GetProperty("data").GetProperty("playerId").GetGuid() == friend.PlayerId)
            {
                return push;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _connections)
        {
            await hub.DisposeAsync();
        }

        Http.Dispose();
    }
}
