using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.Standalone.Tests.Realtime;

/// <summary>A hub connection can be used only by the player that negotiated it, whatever the other player holds.</summary>
public sealed class HubConnectionOwnerTests
{
    [Fact]
    public async Task Another_player_with_the_connection_token_cannot_poll_send_on_or_stop_a_long_polling_connection()
    {
        await using var factory = Standalone();
        var tokenA = await SignInAsync(factory);
        var tokenB = await SignInAsync(factory);
        var seen = new ConcurrentQueue<Uri>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/game"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(tokenA);
                o.HttpMessageHandlerFactory = _ => new Recorder(factory.Server.CreateHandler(), seen);
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        await hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var connectionToken = seen.Select(u => System.Web.HttpUtility.ParseQueryString(u.Query)["id"]).First(id => !string.IsNullOrEmpty(id));
        using var other = Client(factory, tokenB);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var poll = await other.GetAsync(new Uri($"/hubs/game?id={connectionToken}", UriKind.Relative), timeout.Token);
        using var send = await other.PostAsync(new Uri($"/hubs/game?id={connectionToken}", UriKind.Relative), new StringContent("{\"type\":1,\"target\":\"heartbeat\",\"arguments\":[]}\u001e"), timeout.Token);
        using var stop = await other.DeleteAsync(new Uri($"/hubs/game?id={connectionToken}", UriKind.Relative), timeout.Token);

        foreach (var refused in new[] { poll, send, stop })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var error = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            Assert.Equal("CONNECTION_NOT_FOUND", error.GetProperty("code").GetString());
        }

        // The owner's connection is untouched: it still carries calls.
        await hub.InvokeAsync("heartbeat").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_negotiated_connection_cannot_be_started_by_another_player_and_still_starts_for_its_owner()
    {
        await using var factory = Standalone();
        var tokenA = await SignInAsync(factory);
        var tokenB = await SignInAsync(factory);
        using var owner = Client(factory, tokenA);
        using var other = Client(factory, tokenB);
        using var negotiate = await owner.PostAsync(new Uri("/hubs/game/negotiate?negotiateVersion=1", UriKind.Relative), null);
        var connectionToken = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var hijack = await other.GetAsync(new Uri($"/hubs/game?id={connectionToken}", UriKind.Relative), timeout.Token);
        using var first = await owner.GetAsync(new Uri($"/hubs/game?id={connectionToken}", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hijack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task The_owner_still_connects_over_WebSockets_after_negotiating()
    {
        await using var factory = Standalone();
        var token = await SignInAsync(factory);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/game"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.WebSockets;
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = factory.Server.CreateWebSocketClient();
                    client.ConfigureRequest = r => r.Headers.Authorization = "Bearer " + token;
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .Build();
        hub.On<JsonElement>("ready", _ => ready.TrySetResult());

        await hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await hub.InvokeAsync("heartbeat").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    private static HttpClient Client(WebApplicationFactory<Program> factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> SignInAsync(WebApplicationFactory<Program> factory)
    {
        using var http = factory.CreateClient();
        using var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "owner-" + Guid.NewGuid().ToString("N") });
        var data = (await guest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        return data.GetProperty("accessToken").GetString()!;
    }

    private static WebApplicationFactory<Program> Standalone() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Storage:DataPath", TestServers.NewDataFolder()));

    /// <summary>Records the URLs the SignalR client calls, to learn the connection token it was given.</summary>
    private sealed class Recorder(HttpMessageHandler inner, ConcurrentQueue<Uri> seen) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
