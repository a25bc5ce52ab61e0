using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The distributed topology as separate processes — Workers.Host, Gateway and two Realtime replicas — against the
/// real RabbitMQ and Redis that CI starts. The player connects to one replica while relays may run on either,
/// so a push only arrives if the Redis backplane carries it.
/// </summary>
public sealed class DistributedTests : IAsyncLifetime
{
    private readonly List<ServiceProcess> _processes = [];

    // Queues are named by message type: on the broker's default virtual host another test's game worker (with its
    // own store) would take this test's requests.
    private RabbitVirtualHost? _vhost;

    private ServiceProcess Gateway => _processes[1];

    private ServiceProcess RealtimeA => _processes[2];

    private ServiceProcess RealtimeB => _processes[3];

    public async Task InitializeAsync()
    {
        _vhost = await RabbitVirtualHost.CreateAsync();
        Assert.True(_vhost.Isolated, "The RabbitMQ management API is needed for a virtual host of this test's own.");
        var key = TestServers.NewSigningKey();
        var common = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["ConnectionStrings__rabbitmq"] = _vhost.ConnectionString,
            ["ConnectionStrings__redis"] = TestServers.Redis,
            ["Auth__SigningKey"] = key,
            // Session data (rate limits, presence, idempotency keys) in Redis, shared by the replicas as in production.
            ["Storage__Mode"] = "Server",
            ["RateLimits__KeyPrefix"] = $"lwf-test:rl:{Guid.NewGuid():N}:",
        };
        var workers = new Dictionary<string, string>(common)
        {
            ["Storage__Documents"] = "Sqlite",
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
            ["Workers__Enabled"] = "game,accounts",
        };

        _processes.Add(await ServiceProcess.StartAsync("Workers", "LlamaWoolFarm.Workers.Host", workers));
        var started = await Task.WhenAll(
            ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", common),
            ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", common),
            ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", common));
        _processes.AddRange(started);
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
    public async Task A_click_posted_over_HTTP_arrives_as_commandCompleted_through_RabbitMQ_and_the_backplane()
    {
        await Scenarios.ClickArrivesAsPushAsync(Gateway.BaseAddress, RealtimeB.BaseAddress, string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name}{Environment.NewLine}{p.Output}")));

        // The gateway serves the web client too.
        using var http = new HttpClient { BaseAddress = Gateway.BaseAddress };
        Assert.Contains("Llama Wool Farm", await http.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public Task A_refused_click_arrives_as_commandRejected() =>
        Scenarios.RejectionArrivesAsPushAsync(Gateway.BaseAddress, RealtimeB.BaseAddress);

    [Fact]
    public async Task A_friend_connected_to_the_other_replica_arrives_as_friendOnline_then_friendOffline()
    {
        await using var a = await PlayerClient.StartAsGuestAsync(Gateway.BaseAddress);
        await using var b = await PlayerClient.StartAsGuestAsync(Gateway.BaseAddress);
        await a.BefriendAsync(b.PlayerId);
        await a.ConnectAsync(RealtimeA.BaseAddress);

        // B's presence is recorded by replica B, fanned out by the accounts worker, relayed by either replica.
        await b.ConnectAsync(RealtimeB.BaseAddress);
        await a.WaitForFriendPushAsync("friendOnline", b.PlayerId, Scenarios.PushTimeout);
        await b.DisconnectAsync();
        var offline = await a.WaitForFriendPushAsync("friendOffline", b.PlayerId, Scenarios.PushTimeout);

        Assert.False(offline.GetProperty("data").GetProperty("online").GetBoolean());
    }
}
