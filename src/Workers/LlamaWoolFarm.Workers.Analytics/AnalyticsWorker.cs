using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Workers.Analytics.Consumers;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
        builder.Services.AddSettings<AnalyticsOptions>(AnalyticsOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>();
        builder.AddAnalyticsStorage();
        AddModuleServices(builder.Services);
        return builder;
    }

    /// <summary>The services alone, for hosts and tests that bring their own store.</summary>
    public static IServiceCollection AddServices(IServiceCollection services, AnalyticsOptions options)
    {
        services.AddSingleton(options);
        return AddModuleServices(services);
    }

    /// <summary>The services of the module; <see cref="AnalyticsOptions"/> comes from the caller.</summary>
    private static IServiceCollection AddModuleServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ExperimentCatalog(sp.GetRequiredService<AnalyticsOptions>()));
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
