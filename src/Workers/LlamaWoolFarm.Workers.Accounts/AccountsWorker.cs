using LlamaWoolFarm.Messaging.Sagas;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Workers.Accounts.Consumers;
using LlamaWoolFarm.Workers.Accounts.Mail;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Services;
using LlamaWoolFarm.Workers.Accounts.StateMachines;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Workers.Accounts;

/// <summary>
/// The accounts module: owns the players collection, the account tombstones and the account-deletion saga
/// (<c>saga_account_deletion_state</c>); and the anti-cheat review — anomaly records (<c>player_anomalies</c>), bans
/// (<c>player_bans</c>) and the admin audit log (<c>admin_audit_log</c>), fed by events other modules publish.
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
        // Account mails: without an SMTP host they go to {Storage:DataPath}/mail, and the start says so.
        var dataPath = builder.Configuration[$"{LlamaWoolFarm.Storage.StorageOptions.SectionName}:DataPath"] ?? "data";
        builder.Services.AddOptions<AccountMailOptions>()
            .Bind(builder.Configuration.GetSection(AccountMailOptions.SectionName))
            .PostConfigure(o => o.PickupPath ??= Path.Combine(dataPath, "mail"))
            .ValidateOnStart();
        builder.Services.AddHostedService<MailDeliveryAnnouncement>();
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
        // Mails a 202 promises go through the host's durable sender; buses without one (test harnesses) send confirmed.
        services.TryAddSingleton<IAcceptedCommands, ConfirmedCommands>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<TwoFactor>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<TwoFactorService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<FriendPresence>();
        services.TryAddSingleton(new AccountDeletionOptions());
        services.AddSingleton<AccountDeletionService>();
        services.AddSingleton<GuestSignIn>();
        // Hosts bind Accounts:Mail first; tests set the options themselves, else mails go to a temporary folder.
        services.AddOptions<AccountMailOptions>().PostConfigure(o => o.PickupPath ??= Path.Combine(Path.GetTempPath(), "llamawoolfarm-mail"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountMailOptions>, AccountMailOptionsValidation>());
        services.AddSingleton<AccountMailer>();
        services.AddSingleton<AccountMailTokens>();
        services.AddSingleton<PasswordService>();
        services.AddSingleton<EmailVerificationService>();
        services.AddSingleton<ExternalIdentityService>();
        services.AddSingleton<AnomalyService>();
        services.AddSingleton<AuditLog>();
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
        bus.AddConsumer<ChangePasswordConsumer>();
        bus.AddConsumer<RequestPasswordResetConsumer>();
        bus.AddConsumer<ResetPasswordConsumer>();
        bus.AddConsumer<SendPasswordResetMailConsumer>();
        bus.AddConsumer<VerifyEmailConsumer>();
        bus.AddConsumer<ChangeEmailConsumer>();
        bus.AddConsumer<ResendEmailVerificationConsumer>();
        bus.AddConsumer<SendEmailVerificationMailConsumer>();
        bus.AddConsumer<SignInWithExternalIdentityConsumer>();
        bus.AddConsumer<LinkExternalIdentityConsumer>();
        bus.AddConsumer<UnlinkExternalIdentityConsumer>();
        // The anti-cheat review: anomalies from other modules' events, bans, clears and the audit log.
        bus.AddConsumer<ActionRejectedAnomalyConsumer>();
        bus.AddConsumer<SaveRejectedAnomalyConsumer>();
        bus.AddConsumer<RateLimitOffencesObservedConsumer>();
        bus.AddConsumer<GetAnomalyScoresConsumer>();
        bus.AddConsumer<GetPlayerAnomaliesConsumer>();
        bus.AddConsumer<BanPlayerConsumer>();
        bus.AddConsumer<ClearPlayerConsumer>();
        bus.AddConsumer<AdminActionPerformedConsumer>();
        bus.AddConsumer<GetAdminAuditLogConsumer>();
        bus.AddSagaStateMachine<AccountDeletionStateMachine, AccountDeletionState, AccountDeletionStateDefinition>().DocumentRepository();
    }
}
