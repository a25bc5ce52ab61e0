using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Workers.Analytics.Consumers;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Analytics;

/// <summary>The analytics module: client and game events into the time series, admin metrics, A/B experiments.</summary>
public static class AnalyticsWorker
{
    /// <summary>
    /// Registers the analytics services and the time-series store (InfluxDB or SQLite, see
    /// <see cref="AnalyticsStorageExtensions.AddAnalyticsStorage"/>); validates <c>Analytics:Experiments</c> at start.
    /// The document store and clock come from the host.
    /// </summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        var options = SettingsValidator.Bind<AnalyticsOptions>(builder.Configuration, AnalyticsOptions.SectionName);
        SettingsValidator.ThrowIfInvalid<AnalyticsOptions>(AnalyticsOptionsValidator.Validate(options));
        builder.AddAnalyticsStorage();
        AddServices(builder.Services, options);
        return builder;
    }

    /// <summary>The services alone, for hosts and tests that bring their own store.</summary>
    public static IServiceCollection AddServices(IServiceCollection services, AnalyticsOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new ExperimentCatalog(options));
        services.AddSingleton<AnalyticsRecorder>();
        services.AddSingleton<ExperimentService>();
        services.AddSingleton<MetricsService>();
        services.AddSingleton<AnalyticsDataService>();
        return services;
    }

    /// <summary>Registers the analytics consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RecordClientEventsConsumer>();
        bus.AddConsumer<GetExperimentAssignmentConsumer>();
        bus.AddConsumer<GetAnalyticsMetricConsumer>();
        bus.AddConsumer<AnalyticsGameEventsConsumer, AnalyticsGameEventsConsumerDefinition>();
        bus.AddConsumer<AnalyticsSaveEventsConsumer>();
        bus.AddConsumer<PurgeAnalyticsDataConsumer>();
        bus.AddConsumer<ExportAnalyticsDataConsumer>();
    }
}
