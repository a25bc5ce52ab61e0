using LlamaWoolFarm.Testing;
using Xunit.Abstractions;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>The Standalone executable on a data folder of its own, killed with SIGKILL under load and started again on the same folder and port.</summary>
public sealed class StandaloneFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataPath = TestServers.NewDataFolder();
    private readonly Dictionary<string, string> _environment = new()
    {
        ["Auth__SigningKey"] = TestServers.NewSigningKey(),
        // The load is 20 guests from one address, and the audit asks about every command: far above a player's limits.
        ["RateLimits__PerPlayer"] = "100000",
        ["RateLimits__Auth"] = "100000",
    };

    private ServiceProcess? _standalone;
    private string _killedOutput = "";

    public async Task InitializeAsync()
    {
        _environment["Storage__DataPath"] = _dataPath;
        _standalone = await ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", _environment);
    }

    public async Task DisposeAsync()
    {
        if (_standalone is not null)
        {
            await _standalone.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killed_with_SIGKILL_under_load_and_restarted_on_the_same_data_it_loses_and_doubles_nothing_accepted()
    {
        var gateway = _standalone!.BaseAddress;
        var report = await FaultScenario.RunAsync(
            "Standalone: kill -9, restart on the same data",
            gateway,
            async () =>
            {
                await _standalone!.KillAsync();
                _killedOutput = _standalone.Output;
                await _standalone.DisposeAsync();
            },
            async () => _standalone = await ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", _environment, port: gateway.Port),
            output,
            Diagnostics);

        FaultScenario.AssertNothingLostOrDoubled(report, Diagnostics);
    }

    private string Diagnostics() => $"--- killed Standalone{Environment.NewLine}{_killedOutput}{Environment.NewLine}--- Standalone{Environment.NewLine}{_standalone?.Output}";
}
