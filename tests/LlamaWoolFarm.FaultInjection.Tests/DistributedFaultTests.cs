using Xunit.Abstractions;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// Faults of the distributed topology under load: a process killed with SIGKILL and started again, the broker
/// stopped and started, Redis killed and started empty. After each, nothing accepted is lost or applied twice.
/// </summary>
public sealed class DistributedFaultTests(DistributedTopology topology, ITestOutputHelper output) : IClassFixture<DistributedTopology>, IAsyncLifetime
{
    public Task InitializeAsync() => topology.EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public Task Workers_Host_killed_with_SIGKILL_and_restarted() =>
        RunAsync("Distributed: Workers.Host kill -9, restart", topology.KillWorkersAsync, topology.RestartWorkersAsync);

    [Fact]
    public Task Gateway_killed_with_SIGKILL_and_restarted_on_its_port() =>
        RunAsync("Distributed: Gateway kill -9, restart", topology.KillGatewayAsync, topology.RestartGatewayAsync);

    [Fact]
    public Task RabbitMQ_stopped_and_started() =>
        RunAsync("Distributed: RabbitMQ stop, start", topology.Rabbit.StopAsync, () => topology.Rabbit.StartAsync());

    [Fact]
    public Task Redis_killed_with_SIGKILL_and_started_empty() =>
        RunAsync("Distributed: Redis kill -9, down 5 s, restart empty", topology.Redis.KillAsync, async () =>
        {
            // A redis-server is back in 0.1 s, before most clients notice; held down, the outage reaches every caller.
            await Task.Delay(TimeSpan.FromSeconds(5));
            await topology.Redis.RestartAsync();
        });

    private async Task RunAsync(string name, Func<Task> fault, Func<Task> repair)
    {
        var report = await FaultScenario.RunAsync(name, topology.GatewayAddress, fault, repair, output, topology.Diagnostics);

        FaultScenario.AssertNothingLostOrDoubled(report, topology.Diagnostics);
    }
}
