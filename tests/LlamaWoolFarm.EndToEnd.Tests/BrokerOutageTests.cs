using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// Workers.Host, the gateway and realtime as processes on a RabbitMQ node of the test's own, which the test stops
/// and starts under them: while the broker is down each reports Unhealthy on <c>/health/ready</c> (quickly) and stays
/// live, and the gateway answers game actions 503 with <c>Retry-After</c> at once instead of hanging; once it is
/// back, all are ready again and actions are accepted.
/// </summary>
public sealed class BrokerOutageTests : IAsyncLifetime
{
    // The bound of issue 15 is ~2 s; the margin covers a loaded 2-core CI box.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2.5);

    private readonly List<ServiceProcess> _processes = [];
    private OwnRabbitMq _broker = null!;

    private ServiceProcess Workers => _processes[0];

    private ServiceProcess Gateway => _processes[1];

    private ServiceProcess Realtime => _processes[2];

    public async Task InitializeAsync()
    {
        _broker = await OwnRabbitMq.CreateAsync();
        var common = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["ConnectionStrings__rabbitmq"] = _broker.ConnectionString,
            ["Auth__SigningKey"] = TestServers.NewSigningKey(),
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
        };
        var workers = new Dictionary<string, string>(common)
        {
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
            ["Workers__Enabled"] = "game,accounts",
        };
        _processes.Add(await ServiceProcess.StartAsync("Workers", "LlamaWoolFarm.Workers.Host", workers));
        _processes.Add(await ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", common));
        _processes.Add(await ServiceProcess.StartAsync("Realtime", "LlamaWoolFarm.Realtime", common));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task While_the_broker_is_down_readiness_is_503_and_game_actions_answer_503_at_once_and_all_recover()
    {
        await using var player = await PlayerClient.StartAsGuestAsync(Gateway.BaseAddress);
        Assert.Equal(HttpStatusCode.Accepted, (await PostClickAsync(player)).Status);

        await _broker.StopAsync();
        await WaitForReadinessAsync(Gateway, HttpStatusCode.ServiceUnavailable);
        await WaitForReadinessAsync(Workers, HttpStatusCode.ServiceUnavailable);
        await WaitForReadinessAsync(Realtime, HttpStatusCode.ServiceUnavailable);
        foreach (var process in _processes)
        {
            await AssertLiveAsync(process);
        }

        for (var i = 0; i < 3; i++)
        {
            var (status, retryAfter, code, elapsed) = await PostClickAsync(player);
            Assert.True(status == HttpStatusCode.ServiceUnavailable, $"a click while the broker is down answered {status}{Environment.NewLine}{Logs()}");
            Assert.Equal("SERVICE_UNAVAILABLE", code);
            Assert.True(retryAfter > TimeSpan.Zero, "no Retry-After");
            Assert.True(elapsed < Bound, $"a click while the broker is down took {elapsed}");
        }

        await _broker.StartAsync();
        await WaitForReadinessAsync(Gateway, HttpStatusCode.OK);
        await WaitForReadinessAsync(Workers, HttpStatusCode.OK);
        await WaitForReadinessAsync(Realtime, HttpStatusCode.OK);

        // The gateway may be ready a moment before its send path has its channel back: a 503 meanwhile is fine, a 500 never.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var (status, _, _, _) = await PostClickAsync(player);
            Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"a click after the broker is back answered {status}{Environment.NewLine}{Logs()}");
            if (status == HttpStatusCode.Accepted)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "clicks were not accepted again within 60 s of the broker's return" + Environment.NewLine + Logs());
            await Task.Delay(500);
        }
    }

    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, string? Code, TimeSpan Elapsed)> PostClickAsync(PlayerClient player)
    {
        var watch = Stopwatch.StartNew();
        using var response = await player.Http.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
        var elapsed = watch.Elapsed;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error.GetProperty("code").GetString() : null;
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, code, elapsed);
    }

    private static async Task AssertLiveAsync(ServiceProcess process)
    {
        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Readiness answers within about a second every time; it reaches the expected state within the deadline.
    private async Task WaitForReadinessAsync(ServiceProcess process, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"{process.Name} /health/ready took {watch.Elapsed}");
            if (response.StatusCode == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{process.Name} /health/ready was still {response.StatusCode}: {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{Logs()}");
            await Task.Delay(250);
        }
    }

    private string Logs() => string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name}{Environment.NewLine}{p.Output}"));
}
