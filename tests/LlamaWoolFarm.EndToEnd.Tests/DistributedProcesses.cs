using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The distributed topology of one test as separate processes over the real RabbitMQ and Redis: a RabbitMQ virtual
/// host of its own (queues are named by message type, so on the default one another test's workers, with their own
/// stores, would take this test's messages), the settings every process shares (signing key, rate-limit prefix), a
/// document folder the worker processes share, and the processes, stopped with it.
/// </summary>
public sealed class DistributedProcesses : IAsyncDisposable
{
    private readonly RabbitVirtualHost _vhost;
    private readonly List<ServiceProcess> _processes = [];

    private DistributedProcesses(RabbitVirtualHost vhost, Dictionary<string, string> common)
    {
        _vhost = vhost;
        Common = common;
    }

    /// <summary>What every process of the test is started with.</summary>
    public IReadOnlyDictionary<string, string> Common { get; }

    /// <summary>The processes in the order they were started.</summary>
    public IReadOnlyList<ServiceProcess> Processes => _processes;

    /// <summary>Every process's output, for a failure message.</summary>
    public string Output => string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name}{Environment.NewLine}{p.Output}"));

    private string DataFolder { get; } = TestServers.NewDataFolder();

    /// <summary>A new virtual host and the common settings, with <paramref name="settings"/> added to them.</summary>
    public static async Task<DistributedProcesses> CreateAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var vhost = await RabbitVirtualHost.CreateAsync();
        Assert.True(vhost.Isolated, "The RabbitMQ management API is needed for a virtual host of this test's own.");
        var common = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["ConnectionStrings__rabbitmq"] = vhost.ConnectionString,
            ["ConnectionStrings__redis"] = TestServers.Redis,
            ["Auth__SigningKey"] = TestServers.NewSigningKey(),
            // Session data (rate limits, presence, idempotency keys) in Redis, shared by the processes as in production.
            ["Storage__Mode"] = "Server",
            ["RateLimits__KeyPrefix"] = $"lwf-test:rl:{Guid.NewGuid():N}:",
        };
        return new DistributedProcesses(vhost, With(common, settings));
    }

    /// <summary>The common settings with <paramref name="settings"/> added (a gateway's or realtime's own).</summary>
    public Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? settings = null) => With(new(Common), settings);

    /// <summary>A Workers.Host running <paramref name="modules"/> on the shared SQLite document folder.</summary>
    public Dictionary<string, string> Workers(string modules, IReadOnlyDictionary<string, string>? settings = null) => With(
        new(Common)
        {
            ["Storage__Documents"] = "Sqlite",
            ["Storage__DataPath"] = DataFolder,
            ["Workers__Enabled"] = modules,
        },
        settings);

    /// <summary>Starts the processes at once and keeps them, in the order given, after those started before.</summary>
    public async Task StartAsync(params (string Area, string Project, IReadOnlyDictionary<string, string> Settings)[] processes) =>
        _processes.AddRange(await Task.WhenAll(processes.Select(p => ServiceProcess.StartAsync(p.Area, p.Project, p.Settings))));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await _vhost.DisposeAsync();
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? more)
    {
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
