using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Storage.Analytics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>Chooses the analytics time-series adapter: InfluxDB in server mode when configured, the SQLite table otherwise.</summary>
public static class AnalyticsStorageExtensions
{
    /// <summary>
    /// Registers <see cref="IAnalyticsStore"/> once. With <c>Storage:Mode=Server</c> and <c>ConnectionStrings:influx</c>
    /// (<c>http://host:8086/?db=llamawoolfarm</c>) it is InfluxDB, with <c>Analytics:MaxBufferedPoints</c> (default
    /// 100000) and <c>Analytics:MaxBatchPoints</c> (default 5000); otherwise the SQLite table in
    /// <c>Storage:DataPath/analytics.db</c>. A malformed setting stops the process at start, naming it.
    /// </summary>
    public static IHostApplicationBuilder AddAnalyticsStorage(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IAnalyticsStore)))
        {
            return builder;
        }

        var storage = SettingsValidator.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        var influx = builder.Configuration.GetConnectionString("influx");
        if (storage.Mode == StorageMode.Server && !string.IsNullOrWhiteSpace(influx))
        {
            var options = InfluxSettings(builder.Configuration, influx);
            builder.Services.AddSingleton<IAnalyticsStore>(sp => new InfluxAnalyticsStore(options, sp.GetService<ILogger<InfluxAnalyticsStore>>()));
        }
        else
        {
            SettingsValidator.ThrowIfInvalid<StorageOptions>(SettingsValidator.Validate(storage, builder.Configuration));
            builder.Services.AddSingleton<IAnalyticsStore>(_ => new SqliteAnalyticsStore(Path.Combine(storage.DataPath, "analytics.db")));
        }

        // A time-boxed check that runs out reports its failure status: degraded here, as when InfluxDB refuses.
        builder.Services.AddHealthChecks().AddCheck<AnalyticsStoreHealthCheck>("analytics", failureStatus: HealthStatus.Degraded, tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>The InfluxDB settings, or an exception naming every setting that is wrong.</summary>
    public static InfluxOptions InfluxSettings(IConfiguration configuration, string connectionString)
    {
        var errors = new List<string>();
        if (!InfluxOptions.TryParse(connectionString, out var parsed, out var error))
        {
            errors.Add($"ConnectionStrings:influx {error}.");
        }

        var maxBuffered = Positive(configuration, "Analytics:MaxBufferedPoints", 100_000, errors);
        var maxBatch = Positive(configuration, "Analytics:MaxBatchPoints", 5_000, errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException("ConnectionStrings:influx", typeof(InfluxOptions), errors);
        }

        return new InfluxOptions
        {
            BaseAddress = parsed!.BaseAddress,
            Database = parsed.Database,
            Username = parsed.Username,
            Password = parsed.Password,
            MaxBufferedPoints = maxBuffered,
            MaxBatchPoints = maxBatch,
        };
    }

    private static int Positive(IConfiguration configuration, string key, int fallback, List<string> errors)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000_000)
        {
            return value;
        }

        errors.Add($"{key} must be a whole number from 1 to 10000000; got '{text}'.");
        return fallback;
    }
}

/// <summary>
/// Reports whether the analytics store answers. An unreachable InfluxDB is "degraded", not "unhealthy": analytics
/// buffers meanwhile and must never take the process (and the gameplay it hosts) out of service.
/// </summary>
internal sealed class AnalyticsStoreHealthCheck(IAnalyticsStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stats = store.Stats;
        var data = new Dictionary<string, object> { ["buffered"] = stats.Buffered, ["dropped"] = stats.Dropped, ["rejected"] = stats.Rejected };
        return await store.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded($"The analytics store does not answer; {stats.Buffered} points buffered, {stats.Dropped} dropped.", data: data);
    }
}
