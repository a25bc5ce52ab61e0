using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Analytics.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Analytics.Tests;

/// <summary>The analytics module on a fresh harness, SQLite document store, SQLite time series and manual clock.</summary>
public sealed class AnalyticsFixture : WorkerFixture
{
    private AnalyticsFixture(ServiceProvider provider)
        : base(provider)
    {
    }

    public IAnalyticsStore Store => Provider.GetRequiredService<IAnalyticsStore>();

    public AnalyticsRecorder Recorder => Provider.GetRequiredService<AnalyticsRecorder>();

    public MetricsService Metrics => Provider.GetRequiredService<MetricsService>();

    public static AnalyticsOptions Experiments(params (string Id, (string Variant, int Weight)[] Variants)[] experiments)
    {
        var options = new AnalyticsOptions();
        foreach (var (id, variants) in experiments)
        {
            options.Experiments[id] = new ExperimentSettings { Variants = variants.ToDictionary(v => v.Variant, v => v.Weight) };
        }

        return options;
    }

    public static async Task<AnalyticsFixture> StartAsync(AnalyticsOptions? options = null, IAnalyticsStore? store = null)
    {
        var provider = await TestBus.StartAsync(
            services =>
            {
                services.AddSingleton(store ?? new SqliteAnalyticsStore(Path.Combine(TestServers.NewDataFolder(), "analytics.db")));
                AnalyticsWorker.AddServices(services, options ?? Experiments(("shop-layout", [("control", 50), ("grid", 50)])));
            },
            AnalyticsWorker.AddConsumers);
        return new AnalyticsFixture(provider);
    }

    /// <summary>
    /// Waits for a condition (e.g. every published event consumed) up to 30 s: the harness's own waits end after a
    /// short inactivity, which a loaded CI machine can exceed.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
