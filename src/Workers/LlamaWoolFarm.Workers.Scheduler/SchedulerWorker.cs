using Hangfire;
using Hangfire.Redis.StackExchange;
using Hangfire.Storage.SQLite;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Workers.Scheduler.Consumers;
using LlamaWoolFarm.Workers.Scheduler.Services;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Workers.Scheduler;

/// <summary>
/// The scheduler module: serves MassTransit's scheduler contracts on Hangfire — Redis storage in server mode,
/// a SQLite file under <c>Storage:DataPath</c> in embedded mode — so scheduled messages survive restarts.
/// </summary>
public static class SchedulerWorker
{
    /// <summary>Registers Hangfire (storage, server, client) and the scheduler services.</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        var options = SettingsValidator.Bind<SchedulerOptions>(builder.Configuration, SchedulerOptions.SectionName);
        var storage = SettingsValidator.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        SettingsValidator.ThrowIfInvalid<SchedulerOptions>(Validate(options, storage, builder.Configuration));
        builder.Services.AddSingleton(options);

        builder.Services.AddSingleton<JobStorage>(sp => storage.Mode == StorageMode.Server
            ? new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions { Prefix = options.RedisPrefix })
            : CreateSqliteStorage(storage, options));
        builder.Services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        builder.Services.AddHangfireServer((_, server) =>
        {
            server.SchedulePollingInterval = options.PollingInterval;
            server.WorkerCount = options.WorkerCount;
            server.ServerName = $"scheduler:{Environment.MachineName}:{Guid.NewGuid():N}";
        });
        builder.Services.AddSingleton<HangfireScheduler>();
        return builder;
    }

    /// <summary>Registers the scheduler consumers on the scheduler queue.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScheduleMessageConsumer, SchedulerConsumerDefinition<ScheduleMessageConsumer>>();
        bus.AddConsumer<RecurringScheduleConsumer, SchedulerConsumerDefinition<RecurringScheduleConsumer>>();
    }

    /// <summary>The problems with the scheduler settings; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(SchedulerOptions options, StorageOptions storage, IConfiguration configuration)
    {
        var errors = new List<string>();
        if (storage.Mode == StorageMode.Server && string.IsNullOrWhiteSpace(configuration.GetConnectionString("redis")))
        {
            errors.Add("ConnectionStrings:redis is required by the scheduler module when Storage:Mode is Server (Hangfire keeps its jobs in Redis).");
        }

        if (options.PollingInterval < TimeSpan.FromMilliseconds(100) || options.PollingInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Scheduler:PollingInterval must be between 00:00:00.1 and 00:01:00.");
        }

        if (options.WorkerCount is < 1 or > 100)
        {
            errors.Add("Scheduler:WorkerCount must be between 1 and 100.");
        }

        if (!options.DashboardPath.StartsWith('/'))
        {
            errors.Add("Scheduler:DashboardPath must start with '/'.");
        }

        return errors;
    }

    private static SQLiteStorage CreateSqliteStorage(StorageOptions storage, SchedulerOptions options)
    {
        Directory.CreateDirectory(storage.DataPath);
        return new SQLiteStorage(Path.Combine(storage.DataPath, options.SqliteFile), new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromMilliseconds(Math.Min(options.PollingInterval.TotalMilliseconds, 250)),
        });
    }
}
