using LlamaWoolFarm.Workers.Accounts.Consumers;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Accounts;

/// <summary>The accounts module: owns the players collection.</summary>
public static class AccountsWorker
{
    /// <summary>Registers the account services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AccountService>();
        return builder;
    }

    /// <summary>Registers the account consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<RegisterGuestConsumer>();
}
