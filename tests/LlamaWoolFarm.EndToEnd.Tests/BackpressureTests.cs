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
    private DistributedProcesses _system = null!;

    public async Task InitializeAsync()
    {
        _system = await DistributedProcesses.CreateAsync();
        // The default prefetch (128): the game worker's command queues fetch no more than they run by themselves.
        var workers = _system.Workers("game,accounts", OverloadScenario.WorkerSettings);
        await _system.StartAsync(("Workers", "LlamaWoolFarm.Workers.Host", workers));
        await _system.StartAsync(
            ("Gateway", "LlamaWoolFarm.Gateway", _system.Settings(OverloadScenario.GatewaySettings)),
            ("Realtime", "LlamaWoolFarm.Realtime", _system.Common));
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public Task At_three_times_capacity_new_commands_are_shed_the_accepted_ones_arrive_within_the_bound_and_none_is_lost() =>
        OverloadScenario.RunAsync(_system.Processes[1].BaseAddress, _system.Processes[2].BaseAddress, () => _system.Output,
            boundFactor: 2);
}
