using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// Nothing acknowledged is lost when a realtime replica dies: Workers.Host, Gateway and two Realtime replicas as
/// processes on the real RabbitMQ (a virtual host of the test's own) and Redis; the player's replica is killed with
/// SIGKILL and started again while commands keep flowing, and the client catches up on the restarted replica.
/// </summary>
public sealed class RealtimeRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly List<ServiceProcess> _processes = [];
    private readonly Dictionary<string, string> _common = [];
    private RabbitVirtualHost? _vhost;

    public async Task InitializeAsync()
    {
        _vhost = await RabbitVirtualHost.CreateAsync();
        _common["Messaging__Transport"] = "RabbitMq";
        _common["ConnectionStrings__rabbitmq"] = _vhost.ConnectionString;
        _common["ConnectionStrings__redis"] = TestServers.Redis;
        _common["Auth__SigningKey"] = TestServers.NewSigningKey();
        _common["Storage__Mode"] = "Server";
        _common["RateLimits__KeyPrefix"] = $"lwf-test:rl:{Guid.NewGuid():N}:";
        _common["Realtime__History__KeyPrefix"] = $"lwf-test:pushes:{Guid.NewGuid():N}";
        var workers = new Dictionary<string, string>(_common)
        {
            ["Storage__Documents"] = "Sqlite",
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
            ["Workers__Enabled"] = "game,accounts",
        };

        _processes.Add(await ServiceProcess.StartAsync("Workers", "LlamaWoolFarm.Workers.Host", workers));
        _processes.AddRange(await Task.WhenAll(
            ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", _common),
            ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", _common),
            ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", _common)));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_vhost is not null)
        {
            await _vhost.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_client_whose_replica_was_killed_receives_every_missed_commandCompleted_once_after_reconnecting_to_the_restarted_replica()
    {
        var gateway = _processes[1].BaseAddress;
        await using var player = await PlayerClient.StartAsGuestAsync(gateway);
        var inbox = new SequencedInbox();
        var hub = await ConnectAsync(_processes[2].BaseAddress, player, inbox);
        await inbox.ResumeAsync(hub);
        var posted = new List<Guid> { await ClickAsync(player) };
        await inbox.WaitUntilAsync(_ => inbox.CompletedCommands().Contains(posted[0]), Timeout, "the first commandCompleted", hub);

        // Clicks every 500 ms from here to the catch-up (at most 40, so two pushes each stay within the kept 200):
        // under the gateway's 300 requests a minute, within the game's 20 clicks a second.
        using var stop = new CancellationTokenSource();
        var clicking = Task.Run(async () =>
        {
            for (var i = 0; i < 40 && !stop.IsCancellationRequested; i++)
            {
                var id = await ClickAsync(player);
                lock (posted)
                {
                    posted.Add(id);
                }

                await Task.Delay(500, CancellationToken.None);
            }
        });
        await Task.Delay(1500);
        await _processes[2].KillAsync();
        await Task.Delay(2000);
        var processedBeforeRestart = inbox.CompletedCommands().Count;
        _processes[2] = await ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", _common);

        await hub.DisposeAsync();
        hub = await ConnectAsync(_processes[2].BaseAddress, player, inbox);
        var answer = await inbox.ResumeAsync(hub);
        await Task.Delay(1500);
        await stop.CancelAsync();
        await clicking;

        List<Guid> all;
        lock (posted)
        {
            all = [.. posted];
        }

        await inbox.WaitUntilAsync(_ => all.All(inbox.CompletedCommands().Contains), Timeout, $"every one of {all.Count} commandCompleted", hub);
        var completed = inbox.CompletedCommands();
        Assert.False(answer.GetProperty("resync").GetBoolean(), answer.ToString());
        Assert.Equal(all.Order(), completed.Order());
        // The pushes of the commands completed while the player had no connection came from the history, not live.
        var replayed = answer.GetProperty("missed").EnumerateArray().Count(p => p.GetProperty("type").GetString() == "commandCompleted");
        Assert.True(replayed > 0 && processedBeforeRestart + replayed <= all.Count, $"replayed {replayed}, processed before the restart {processedBeforeRestart}, posted {all.Count}");
        await hub.DisposeAsync();
    }

    private static async Task<HubConnection> ConnectAsync(Uri realtime, PlayerClient player, SequencedInbox inbox)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(realtime, "/hubs/game"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(player.AccessToken))
            .Build();
        hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        inbox.Listen(hub);
        await hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return hub;
    }

    private static async Task<Guid> ClickAsync(PlayerClient player)
    {
        using var response = await player.Http.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("data").GetProperty("commandId").GetGuid();
    }
}
