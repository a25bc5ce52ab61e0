using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.Standalone.Tests.Presence;

/// <summary>
/// Presence through the whole chain of one process: the hub's lease → PlayerCameOnline / PlayerWentOffline → the
/// accounts worker's friend fan-out → the relay → the friend's connection.
/// </summary>
public sealed class FriendPresenceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_friend_connecting_and_disconnecting_arrives_as_friendOnline_then_friendOffline()
    {
        await using var factory = Standalone();
        await using var a = await HubPlayer.SignInAsync(factory);
        await using var b = await HubPlayer.SignInAsync(factory);
        await a.BefriendAsync(b);
        await a.ConnectAsync();

        var tab = await b.ConnectAsync();
        var online = await a.NextPushAboutAsync(b, Timeout);
        await tab.DisposeAsync();
        var offline = await a.NextPushAboutAsync(b, Timeout);

        Assert.Equal("friendOnline", online.GetProperty("type").GetString());
        Assert.True(online.GetProperty("data").GetProperty("online").GetBoolean());
        Assert.Equal("friendOffline", offline.GetProperty("type").GetString());
        Assert.False(offline.GetProperty("data").GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task A_friend_whose_heartbeats_stop_is_reported_offline_by_the_sweep()
    {
        await using var factory = Standalone(new Dictionary<string, string>
        {
            ["Presence:Lease"] = "00:00:02",
            ["Presence:SweepInterval"] = "00:00:00.200",
            ["Presence:MinHeartbeatInterval"] = "00:00:00",
        });
        await using var a = await HubPlayer.SignInAsync(factory);
        await using var b = await HubPlayer.SignInAsync(factory);
        await a.BefriendAsync(b);
        var aHub = await a.ConnectAsync();
        await b.ConnectAsync();
        Assert.Equal("friendOnline", (await a.NextPushAboutAsync(b, Timeout)).GetProperty("type").GetString());

        // A keeps its lease with heartbeats (an offline A would get no pushes); B's connection stays open but silent.
        using var stop = new CancellationTokenSource();
        var heartbeats = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await aHub.InvokeAsync("heartbeat", stop.Token);
                await Task.Delay(250, stop.Token);
            }
        });
        try
        {
            var offline = await a.NextPushAboutAsync(b, Timeout);
            Assert.Equal("friendOffline", offline.GetProperty("type").GetString());
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => heartbeats);
        }
    }

    private static WebApplicationFactory<Program> Standalone(IReadOnlyDictionary<string, string>? settings = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Storage:DataPath", TestServers.NewDataFolder());
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                b.UseSetting(key, value);
            }
        });
}
