using MassTransit;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Saves;

/// <summary>The saves module.</summary>
public static class SavesWorker
{
    /// <summary>Registers the saves services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder) => builder;

    /// <summary>Registers the saves consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }
}
