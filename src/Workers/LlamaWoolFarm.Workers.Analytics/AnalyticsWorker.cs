using MassTransit;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Analytics;

/// <summary>The analytics module.</summary>
public static class AnalyticsWorker
{
    /// <summary>Registers the analytics services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder) => builder;

    /// <summary>Registers the analytics consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }
}
