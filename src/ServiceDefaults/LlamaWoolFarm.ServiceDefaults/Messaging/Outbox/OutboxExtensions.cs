using LlamaWoolFarm.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
        var options = SettingsValidator.Bind<OutboxOptions>(builder.Configuration, OutboxOptions.SectionName);
        if (options.RecoveryPage is < 1 or > 10_000)
        {
            throw new OptionsValidationException(OutboxOptions.SectionName, typeof(OutboxOptions), ["Outbox:RecoveryPage must be between 1 and 10000."]);
        }

        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CommandOutbox>();
        builder.Services.RemoveAll<IAcceptedCommands>();
        builder.Services.AddSingleton<IAcceptedCommands>(sp => sp.GetRequiredService<CommandOutbox>());
        builder.Services.AddHostedService<OutboxRecovery>();
        return builder;
    }
}
