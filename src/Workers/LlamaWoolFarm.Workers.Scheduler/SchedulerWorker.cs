using MassTransit;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Scheduler;

/// <summary>The scheduler module.</summary>
public static class SchedulerWorker
{
    /// <summary>Registers the scheduler services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder) => builder;

    /// <summary>Registers the scheduler consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }
}
