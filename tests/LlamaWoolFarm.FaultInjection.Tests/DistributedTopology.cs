using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// The distributed topology as processes — Workers.Host (game and accounts), Gateway, Realtime — on a RabbitMQ node
/// and a Redis of their own, so the faults never reach the servers the other test projects share; documents in one
/// SQLite file, as in the end-to-end tests. Started once for the faults of the class; each fault leaves it repaired.
/// </summary>
public sealed class DistributedTopology : IAsyncLifetime
{
    private readonly Dictionary<string, string> _common = new()
    {
        ["Messaging__Transport"] = "RabbitMq",
        ["Auth__SigningKey"] = TestServers.NewSigningKey(),
        // Session data (rate limits, presence, idempotency keys) in Redis, as in production.
        ["Storage__Mode"] = "Server",
        // The load is 20 guests from one address, and the audit asks about every command: far above a player's limits.
        ["RateLimits__PerPlayer"] = "100000",
        ["RateLimits__Auth"] = "100000",
    };

    private readonly Dictionary<string, string> _workers = new()
    {
        ["Storage__Documents"] = "Sqlite",
        ["Storage__DataPath"] = TestServers.NewDataFolder(),
        ["Workers__Enabled"] = "game,accounts",
    };

    private readonly List<string> _killedOutput = [];
    private int _gatewayPort;

    public OwnRabbitMq Rabbit { get; private set; } = null!;

    public OwnRedis Redis { get; private set; } = null!;

    public ServiceProcess Workers { get; private set; } = null!;

    public ServiceProcess Gateway { get; private set; } = null!;

    public ServiceProcess Realtime { get; private set; } = null!;

    public Uri GatewayAddress => new($"http://127.0.0.1:{_gatewayPort}");

    public async Task InitializeAsync()
    {
        var rabbit = OwnRabbitMq.CreateAsync();
        var redis = OwnRedis.StartAsync();
        Rabbit = await rabbit;
        Redis = await redis;
        _common["ConnectionStrings__rabbitmq"] = Rabbit.ConnectionString;
        _common["ConnectionStrings__redis"] = Redis.ConnectionString;
        foreach (var (key, value) in _common)
        {
            _workers[key] = value;
        }

        _gatewayPort = TestServers.FreePort();
        Workers = await StartWorkersAsync();
        var gateway = StartGatewayAsync();
        var realtime = ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", _common);
        Gateway = await gateway;
        Realtime = await realtime;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { Gateway, Realtime, Workers })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Rabbit is not null)
        {
            await Rabbit.DisposeAsync();
        }
    }

    /// <summary>Brings back whatever an earlier fault left down (a failed test may not have repaired it).</summary>
    public async Task EnsureRunningAsync()
    {
        await Rabbit.StartAsync();
        await Redis.RestartAsync();
        if (Workers.HasExited)
        {
            await RestartWorkersAsync();
        }

        if (Gateway.HasExited)
        {
            await RestartGatewayAsync();
        }
    }

    public async Task KillWorkersAsync()
    {
        await Workers.KillAsync();
        _killedOutput.Add($"--- killed {Workers.Name}{Environment.NewLine}{Workers.Output}");
    }

    public async Task RestartWorkersAsync()
    {
        await Workers.DisposeAsync();
        Workers = await StartWorkersAsync();
    }

    public async Task KillGatewayAsync()
    {
        await Gateway.KillAsync();
        _killedOutput.Add($"--- killed {Gateway.Name}{Environment.NewLine}{Gateway.Output}");
    }

    /// <summary>Starts the gateway again on its port, where the clients keep calling (a load balancer's address).</summary>
    public async Task RestartGatewayAsync()
    {
        await Gateway.DisposeAsync();
        Gateway = await StartGatewayAsync();
    }

    public string Diagnostics() => string.Join(
        Environment.NewLine,
        _killedOutput.Concat(new[] { Workers, Gateway, Realtime }.Select(p => $"--- {p.Name}{Environment.NewLine}{p.Output}"))
            .Append($"--- RabbitMQ logs in {Rabbit.LogFolder}"));

    private Task<ServiceProcess> StartWorkersAsync() => ServiceProcess.StartAsync("Workers", "LlamaWoolFarm.Workers.Host", _workers);

    private Task<ServiceProcess> StartGatewayAsync() => ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", _common, port: _gatewayPort);
}
