using System.Globalization;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// The distributed topology scaled out: two Workers.Host processes (game and accounts) competing for the same queues,
/// two gateways and two realtime services on the Redis backplane, on the shared RabbitMQ (a virtual host of this
/// topology's own, so no other test's workers take its messages) and the shared Redis; documents in one SQLite
/// folder both workers write, as in the end-to-end tests.
/// </summary>
internal sealed class ScaleOutTopology : IAsyncDisposable
{
    private readonly RabbitVirtualHost _vhost;
    private readonly List<ServiceProcess> _processes = [];

    private ScaleOutTopology(RabbitVirtualHost vhost) => _vhost = vhost;

    public IReadOnlyList<ServiceProcess> Workers { get; private set; } = [];

    public IReadOnlyList<ServiceProcess> Gateways { get; private set; } = [];

    public IReadOnlyList<ServiceProcess> Realtimes { get; private set; } = [];

    public static async Task<ScaleOutTopology> StartAsync()
    {
        var vhost = await RabbitVirtualHost.CreateAsync();
        var topology = new ScaleOutTopology(vhost);
        try
        {
            Assert.True(vhost.Isolated, "The RabbitMQ management API is needed for a virtual host of this test's own.");
            var common = new Dictionary<string, string>
            {
                ["Messaging__Transport"] = "RabbitMq",
                ["ConnectionStrings__rabbitmq"] = vhost.ConnectionString,
                ["ConnectionStrings__redis"] = TestServers.Redis,
                ["Auth__SigningKey"] = TestServers.NewSigningKey(),
                // Sessions, idempotency keys, rate limits, presence and push numbers in Redis, shared as in production.
                ["Storage__Mode"] = "Server",
                ["RateLimits__KeyPrefix"] = $"lwf-test:rl:{Guid.NewGuid():N}:",
                // Every guest calls from 127.0.0.1 and the audit asks about every command: far above a player's limits.
                ["RateLimits__PerPlayer"] = "100000",
                ["RateLimits__PerAddress"] = "1000000",
                ["RateLimits__Auth"] = "100000",
            };
            var workers = new Dictionary<string, string>(common)
            {
                ["Storage__Documents"] = "Sqlite",
                ["Storage__DataPath"] = TestServers.NewDataFolder(),
                ["Workers__Enabled"] = "game,accounts",
            };

            // All six at once (a cold start of each takes tens of seconds on a loaded 2-core box): nothing is sent
            // before every one of them is ready, so the workers' queues exist before the first command.
            var all = await topology.StartAllAsync(
                ("Workers", "LlamaWoolFarm.Workers.Host", workers),
                ("Workers", "LlamaWoolFarm.Workers.Host", workers),
                ("Gateway", "LlamaWoolFarm.Gateway", common),
                ("Gateway", "LlamaWoolFarm.Gateway", common),
                ("Realtime", "LlamaWoolFarm.Realtime", common),
                ("Realtime", "LlamaWoolFarm.Realtime", common));
            topology.Workers = [all[0], all[1]];
            topology.Gateways = [all[2], all[3]];
            topology.Realtimes = [all[4], all[5]];
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every process's output, for a failure message.</summary>
    public string Diagnostics() => string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name} {p.BaseAddress}{(p.HasExited ? " (exited)" : "")}{Environment.NewLine}{p.Output}"));

    /// <summary>
    /// What each process has done so far, from its <c>/metrics</c>: click batches consumed by each worker, POSTs of
    /// game actions each gateway answered 202, result events each realtime relayed.
    /// </summary>
    public async Task<Shares> SharesAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        async Task<IReadOnlyList<double>> Read(IReadOnlyList<ServiceProcess> processes, Func<string, bool> series) =>
            await Task.WhenAll(processes.Select(async p => Sum(await ScrapeAsync(http, p), series)));

        return new Shares(
            await Read(Workers, line => line.StartsWith("messaging_masstransit_consume_", StringComparison.Ordinal) && !line.Contains("errors", StringComparison.Ordinal)
                && line.Contains("_total{", StringComparison.Ordinal) && line.Contains("consumer_type=\"SubmitClicksConsumer\"", StringComparison.Ordinal)),
            await Read(Gateways, line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                && line.Contains("http_route=\"/api/v1/game/actions\"", StringComparison.Ordinal) && line.Contains("http_response_status_code=\"202\"", StringComparison.Ordinal)),
            await Read(Realtimes, line => line.StartsWith("messaging_masstransit_consume_", StringComparison.Ordinal) && !line.Contains("errors", StringComparison.Ordinal)
                && line.Contains("_total{", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await _vhost.DisposeAsync();
    }

    /// <summary>
    /// A process's <c>/metrics</c> text; asked again for a few seconds when a scrape fails (the exporter answered 500
    /// once on the loaded box while collecting).
    /// </summary>
    private static async Task<string> ScrapeAsync(HttpClient http, ServiceProcess process)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync(new Uri(process.BaseAddress, "/metrics"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static double Sum(string metrics, Func<string, bool> series) =>
        metrics.Split('\n')
            .Where(line => !line.StartsWith('#') && series(line))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    private async Task<IReadOnlyList<ServiceProcess>> StartAllAsync(params (string Area, string Project, IReadOnlyDictionary<string, string> Settings)[] processes)
    {
        var started = processes.Select(p => ServiceProcess.StartAsync(p.Area, p.Project, p.Settings)).ToList();
        try
        {
            await Task.WhenAll(started);
        }
        finally
        {
            // Kept for disposal even when one of them failed to start.
            _processes.AddRange(started.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        return [.. started.Select(t => t.Result)];
    }
}

/// <summary>Per process, in the order of the topology's lists: each one's part of the work.</summary>
internal sealed record Shares(IReadOnlyList<double> Workers, IReadOnlyList<double> Gateways, IReadOnlyList<double> Realtimes)
{
    /// <summary>The work done between <paramref name="before"/> and this reading.</summary>
    public Shares Since(Shares before) => new(
        [.. Workers.Zip(before.Workers, (a, b) => a - b)],
        [.. Gateways.Zip(before.Gateways, (a, b) => a - b)],
        [.. Realtimes.Zip(before.Realtimes, (a, b) => a - b)]);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"click batches consumed per worker: {string.Join(" / ", Workers)}; game-action 202s per gateway: {string.Join(" / ", Gateways)}; events relayed per realtime: {string.Join(" / ", Realtimes)}");
}
