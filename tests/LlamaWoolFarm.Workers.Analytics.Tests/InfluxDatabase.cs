using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Workers.Analytics.Tests;

/// <summary>A fresh database on the real InfluxDB CI starts on loopback (<c>LWF_TEST_INFLUX</c> may point elsewhere), dropped afterwards.</summary>
internal sealed class InfluxDatabase : IAsyncDisposable
{
    public static Uri Address => new(Environment.GetEnvironmentVariable("LWF_TEST_INFLUX") ?? "http://127.0.0.1:8086/");

    public string Name { get; } = "lwf_test_" + Guid.NewGuid().ToString("N");

    /// <summary>A store on a loopback port nothing listens on, as InfluxDB looks when it is down.</summary>
    public static InfluxAnalyticsStore OpenUnreachable() => new(Options(new Uri($"http://127.0.0.1:{TestServers.FreePort()}/"), "lwf_test_unreachable"));

    public InfluxAnalyticsStore Open() => new(Options(Address, Name));

    public async ValueTask DisposeAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var response = await http.PostAsync(new Uri($"query?q={Uri.EscapeDataString($"DROP DATABASE \"{Name}\"")}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    // Short retries: an unreachable server should fail a write in milliseconds, not the production seconds.
    private static InfluxOptions Options(Uri address, string database) => new()
    {
        BaseAddress = address,
        Database = database,
        RetryAttempts = 1,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        UnavailablePause = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };
}
