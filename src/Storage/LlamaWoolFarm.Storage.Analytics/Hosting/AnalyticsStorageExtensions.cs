using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Analytics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>Chooses the analytics time-series adapter: InfluxDB in server mode when configured, the SQLite table otherwise.</summary>
public static class AnalyticsStorageExtensions
{
    /// <summary>
    /// Registers <see cref="IAnalyticsStore"/> once. With <c>Storage:Mode=Server</c> and <c>ConnectionStrings:influx</c>
    /// (<c>http://host:8086/?db=llamawoolfarm</c>) it is InfluxDB, with <c>Analytics:MaxBufferedPoints</c> (default
    /// 100000) and <c>Analytics:MaxBatchPoints</c> (default 5000); otherwise the SQLite table in
    /// <c>Storage:DataPath/analytics.db</c>. A malformed setting stops the process when the host starts, naming it.
    /// </summary>
    public static IHostApplicationBuilder AddAnalyticsStorage(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IAnalyticsStore)))
        {
            return builder;
        }

        builder.Services.AddStorageSettings();
        var storage = StorageSettings.ReadStorage(builder.Configuration);
        var influx = builder.Configuration.GetConnectionString("influx");
        if (storage.Mode == StorageMode.Server && !string.IsNullOrWhiteSpace(influx))
        {
            StorageSettings.AddValidated<AnalyticsStorageOptions>(builder.Services, AnalyticsStorageOptions.SectionName);
            builder.Services.AddSingleton<IValidateOptions<AnalyticsStorageOptions>>(new InfluxConnectionRule(influx));
            builder.Services.AddSingleton<IAnalyticsStore>(sp =>
                new InfluxAnalyticsStore(InfluxSettings(influx, sp.GetRequiredService<AnalyticsStorageOptions>()), sp.GetService<ILogger<InfluxAnalyticsStore>>()));
        }
        else
        {
            builder.Services.AddSingleton<IAnalyticsStore>(sp => new SqliteAnalyticsStore(Path.Combine(sp.GetRequiredService<StorageOptions>().DataPath, "analytics.db")));
        }

        // A time-boxed check that runs out reports its failure status: degraded here, as when InfluxDB refuses.
        builder.Services.AddHealthChecks().AddCheck<AnalyticsStoreHealthCheck>("analytics", failureStatus: HealthStatus.Degraded, tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>The InfluxDB adapter's settings from the connection string and the validated buffer settings.</summary>
    public static InfluxOptions InfluxSettings(string connectionString, AnalyticsStorageOptions settings)
    {
        if (!InfluxOptions.TryParse(connectionString, out var parsed, out var error))
        {
            throw new OptionsValidationException("ConnectionStrings:influx", typeof(InfluxOptions), [$"ConnectionStrings:influx {error}."]);
        }

        return new InfluxOptions
        {
            BaseAddress = parsed!.BaseAddress,
            Database = parsed.Database,
            Username = parsed.Username,
            Password = parsed.Password,
            MaxBufferedPoints = settings.MaxBufferedPoints,
            MaxBatchPoints = settings.MaxBatchPoints,
        };
    }

    /// <summary>The connection string is checked with the settings, so a malformed one stops the process at start.</summary>
    private sealed class InfluxConnectionRule(string connectionString) : IValidateOptions<AnalyticsStorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, AnalyticsStorageOptions options) =>
            InfluxOptions.TryParse(connectionString, out _, out var error)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"ConnectionStrings:influx {error}.");
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
