using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Workers.Saves.Consumers;
using LlamaWoolFarm.Workers.Saves.ObjectStore;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Saves;

/// <summary>
/// The saves module: save sync (uploads, conflicts, history) and backups. It owns the collections <c>saves</c>,
/// <c>save_revisions</c>, <c>save_backups</c>, <c>save_activity</c>, <c>save_rejections</c>,
/// <c>save_event_windows</c> and <c>save_backup_exports</c> (and, when one is configured, the backup objects in the
/// bucket). The game state belongs to the game worker: this module reads it and has it replaced by
/// request/response (<see cref="GameStateClient"/>), with optimistic concurrency.
/// </summary>
public static class SavesWorker
{
    /// <summary>Registers the saves services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSettings<SavesOptions>(SavesOptions.SectionName);
        builder.Services.AddSettings<BackupObjectStoreOptions>(BackupObjectStoreOptions.SectionName);
        if (builder.Configuration.ReadSettings<BackupObjectStoreOptions>(BackupObjectStoreOptions.SectionName).Enabled)
        {
            AddObjectStore(builder.Services);
            builder.Services.AddHostedService<BackupExportRetry>();
        }

        AddCore(builder.Services);
        builder.Services.AddHostedService<NightlyBackupSchedule>();
        return builder;
    }

    /// <summary>
    /// Backups also exported to the S3-compatible bucket of <see cref="BackupObjectStoreOptions"/> (registered by the
    /// host from configuration, or by a test), without the retry loop.
    /// </summary>
    public static IServiceCollection AddObjectStore(IServiceCollection services)
    {
        services.TryAddSingleton<BackupObjectStore>();
        services.TryAddSingleton<BackupExports>();
        return services;
    }

    /// <summary>The services without the start-up schedule (tests, benchmarks).</summary>
    public static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(new SavesOptions());
        services.AddSingleton<SaveRepository>();
        services.TryAddSingleton<IGameStates, GameStateClient>();
        services.AddSingleton<SaveEventWindows>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<SaveSyncService>();
        services.AddSingleton<SavesDataService>();
        return services;
    }

    /// <summary>Registers the saves consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<UploadSaveConsumer>();
        bus.AddConsumer<GetCurrentSaveConsumer>();
        bus.AddConsumer<GetSaveHistoryConsumer>();
        bus.AddConsumer<CreateBackupConsumer>();
        bus.AddConsumer<ListBackupsConsumer>();
        bus.AddConsumer<RestoreBackupConsumer>();
        bus.AddConsumer<RunNightlyBackupsConsumer>();
        bus.AddConsumer<DailyPlayStartedConsumer>();
        bus.AddConsumer<SaveEventWindowConsumer>();
        bus.AddConsumer<PurgeSavesDataConsumer>();
        bus.AddConsumer<ExportSavesDataConsumer>();
    }
}
