using LlamaWoolFarm.Messaging.Sagas;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Workers.Accounts.Consumers;
using LlamaWoolFarm.Workers.Accounts.Services;
using LlamaWoolFarm.Workers.Accounts.StateMachines;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Accounts;

/// <summary>
/// The accounts module: owns the players collection, the account tombstones and the account-deletion saga
/// (<c>saga_account_deletion_state</c>).
/// </summary>
public static class AccountsWorker
{
    /// <summary>Registers the account services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(AdminAccounts.From(builder.Configuration));
        // TOTP secrets are sealed with the deployment's shared key ring.
        builder.AddSharedDataProtection();
        builder.Services.AddSettings<AccountDeletionOptions>(AccountDeletionOptions.SectionName);
        builder.Services.AddSettings<PasswordHashingOptions>(PasswordHashingOptions.SectionName);
        AddModuleServices(builder.Services);
        return builder;
    }

    /// <summary>
    /// The services of the module with given hashing parameters (tests pass cheap ones). Data Protection comes from the
    /// host (<see cref="AddServices"/> adds the shared key ring; tests add their own).
    /// </summary>
    public static IServiceCollection AddAccountServices(IServiceCollection services, PasswordHashingOptions hashing)
    {
        services.AddSingleton(hashing);
        return AddModuleServices(services);
    }

    /// <summary>The services of the module; <see cref="PasswordHashingOptions"/> comes from the caller.</summary>
    private static IServiceCollection AddModuleServices(IServiceCollection services)
    {
        services.TryAddSingleton(AdminAccounts.None);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<TwoFactor>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<TwoFactorService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<FriendPresence>();
        services.TryAddSingleton(new AccountDeletionOptions());
        services.AddSingleton<AccountDeletionService>();
        return services;
    }

    /// <summary>Registers the account consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RegisterGuestConsumer>();
        bus.AddConsumer<RegisterAccountConsumer>();
        bus.AddConsumer<LoginAccountConsumer>();
        bus.AddConsumer<LinkAccountConsumer>();
        bus.AddConsumer<SetupTwoFactorConsumer>();
        bus.AddConsumer<VerifyTwoFactorConsumer>();
        bus.AddConsumer<GetProfileConsumer>();
        bus.AddConsumer<UpdateProfileConsumer>();
        bus.AddConsumer<GetFriendsConsumer>();
        bus.AddConsumer<AddFriendConsumer>();
        bus.AddConsumer<RemoveFriendConsumer>();
        bus.AddConsumer<PlayerCameOnlineConsumer>();
        bus.AddConsumer<PlayerWentOfflineConsumer>();
        bus.AddConsumer<RequestAccountDeletionConsumer>();
        bus.AddConsumer<BeginAccountPurgeConsumer>();
        bus.AddConsumer<GetAccountStatusConsumer>();
        bus.AddConsumer<PurgeAccountDataConsumer>();
        bus.AddConsumer<ExportAccountDataConsumer>();
        bus.AddSagaStateMachine<AccountDeletionStateMachine, AccountDeletionState, AccountDeletionStateDefinition>().DocumentRepository();
    }
}
