using MassTransit;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Leaderboards;

/// <summary>The leaderboards module.</summary>
public static class LeaderboardsWorker
{
    /// <summary>Registers the leaderboards services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder) => builder;

    /// <summary>Registers the leaderboards consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }
}
