using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>Backpressure in Standalone: the in-memory bus, the backlog counted in the SQLite command outbox.</summary>
public sealed class StandaloneBackpressureTests : IAsyncLifetime
{
    private ServiceProcess? _standalone;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(OverloadScenario.WorkerSettings) { ["Storage__DataPath"] = TestServers.NewDataFolder() };
        foreach (var (key, value) in OverloadScenario.GatewaySettings)
        {
            settings[key] = value;
        }

        _standalone = await ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", settings);
    }

    public async Task DisposeAsync()
    {
        if (_standalone is not null)
        {
            await _standalone.DisposeAsync();
        }
    }

    [Fact]
    public Task At_three_times_capacity_new_commands_are_shed_the_accepted_ones_arrive_within_the_bound_and_none_is_lost() =>
        OverloadScenario.RunAsync(_standalone!.BaseAddress, _standalone.BaseAddress, () => _standalone.Output);
}

/// <summary>
/// Backpressure distributed: Workers.Host (game worker) reporting over the real RabbitMQ, in a virtual host of this
/// test's own, to a separate gateway; pushes through a realtime process.
/// </summary>
public sealed class DistributedBackpressureTests : IAsyncLifetime
{
    private readonly List<ServiceProcess> _processes = [];
    private RabbitVirtualHost? _vhost;

    public async Task InitializeAsync()
    {
        _vhost = await RabbitVirtualHost.CreateAsync();
        Assert.True(_vhost.Isolated, "The RabbitMQ management API is needed for a virtual host of this test's own.");
        var common = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["ConnectionStrings__rabbitmq"] = _vhost.ConnectionString,
            ["ConnectionStrings__redis"] = TestServers.Redis,
            ["Auth__SigningKey"] = TestServers.NewSigningKey(),
            ["Storage__Mode"] = "Server",
            ["RateLimits__KeyPrefix"] = $"lwf-test:rl:{Guid.NewGuid():N}:",
        };
        var workers = new Dictionary<string, string>(common)
        {
            ["Storage__Documents"] = "Sqlite",
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
            ["Workers__Enabled"] = "game,accounts",
            // Messages prefetched beyond the concurrency limit wait unacknowledged where no report sees them
            // (docs/performance.md#backpressure): a game worker kept to a tight bound fetches no more than it runs.
            ["Messaging__PrefetchCount"] = "32",
        };
        foreach (var (key, value) in OverloadScenario.WorkerSettings)
        {
            workers[key] = value;
        }

        var gateway = new Dictionary<string, string>(common);
        foreach (var (key, value) in OverloadScenario.GatewaySettings)
        {
            gateway[key] = value;
        }

        _processes.Add(await ServiceProcess.StartAsync("Workers", "LlamaWoolFarm.Workers.Host", workers));
        _processes.AddRange(await Task.WhenAll(
            ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", gateway),
            ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", common)));
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
    public Task At_three_times_capacity_new_commands_are_shed_the_accepted_ones_arrive_within_the_bound_and_none_is_lost() =>
        OverloadScenario.RunAsync(_processes[1].BaseAddress, _processes[2].BaseAddress,
            () => string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name}{Environment.NewLine}{p.Output}")),
            boundFactor: 2);
}
