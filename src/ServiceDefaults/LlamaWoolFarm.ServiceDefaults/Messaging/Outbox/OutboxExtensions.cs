using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

/// <summary>Wiring of the command outbox; only a host with the embedded document store and the in-memory bus calls it.</summary>
public static class OutboxExtensions
{
    /// <summary>
    /// Makes <see cref="CommandOutbox"/> the process's <see cref="IAcceptedCommands"/>, adds its recovery at start and,
    /// through <see cref="BusExtensions.UseDefaultReceivePolicy"/>, its delivery filter on every receive endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddCommandOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<OutboxOptions>(OutboxOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CommandOutbox>();
        builder.Services.RemoveAll<IAcceptedCommands>();
        builder.Services.AddSingleton<IAcceptedCommands>(sp => sp.GetRequiredService<CommandOutbox>());
        builder.Services.AddHostedService<OutboxRecovery>();
        // The game command backlog is what the outbox holds: accepted and not yet applied.
        builder.Services.RemoveAll<ICommandQueueDepth>();
        builder.Services.AddSingleton<ICommandQueueDepth, OutboxQueueDepth>();
        return builder;
    }
}
