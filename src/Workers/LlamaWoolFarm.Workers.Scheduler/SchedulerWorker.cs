using Hangfire;
using Hangfire.Redis.StackExchange;
using Hangfire.Storage.SQLite;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Workers.Scheduler.Consumers;
using LlamaWoolFarm.Workers.Scheduler.Services;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
        builder.Services.AddSettings<SchedulerOptions>(SchedulerOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<SchedulerOptions>, SchedulerStorageRule>();
        builder.Services.AddStorageSettings();
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            var storage = sp.GetRequiredService<StorageOptions>();
            var scheduler = sp.GetRequiredService<SchedulerOptions>();
            return storage.Mode == StorageMode.Server
                ? new RedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions { Prefix = scheduler.RedisPrefix })
                : CreateSqliteStorage(storage, scheduler);
        });
        builder.Services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        builder.Services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<SchedulerOptions>();
            server.SchedulePollingInterval = options.PollingInterval;
            server.WorkerCount = options.WorkerCount;
            server.ServerName = $"scheduler:{Environment.MachineName}:{Guid.NewGuid():N}";
        });
        builder.Services.AddSingleton<HangfireScheduler>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchedulerLag>();
        builder.Services.AddCreatedAtStart<SchedulerLag>();
        return builder;
    }

    /// <summary>Registers the scheduler consumers on the scheduler queue.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScheduleMessageConsumer, SchedulerConsumerDefinition<ScheduleMessageConsumer>>();
        bus.AddConsumer<RecurringScheduleConsumer, SchedulerConsumerDefinition<RecurringScheduleConsumer>>();
    }

    private static SQLiteStorage CreateSqliteStorage(StorageOptions storage, SchedulerOptions options)
    {
        Directory.CreateDirectory(storage.DataPath);
        return new SQLiteStorage(Path.Combine(storage.DataPath, options.SqliteFile), new SQLiteStorageOptions
        {
            QueuePollInterval = TimeSpan.FromMilliseconds(Math.Min(options.PollingInterval.TotalMilliseconds, 250)),
        });
    }

    /// <summary>Server mode keeps Hangfire's jobs in Redis, so the module needs the connection string there.</summary>
    private sealed class SchedulerStorageRule(IConfiguration configuration) : IValidateOptions<SchedulerOptions>
    {
        public ValidateOptionsResult Validate(string? name, SchedulerOptions options) =>
            StorageSettings.ReadStorage(configuration).Mode == StorageMode.Server && string.IsNullOrWhiteSpace(configuration.GetConnectionString("redis"))
                ? ValidateOptionsResult.Fail("ConnectionStrings:redis is required by the scheduler module when Storage:Mode is Server (Hangfire keeps its jobs in Redis).")
                : ValidateOptionsResult.Success;
    }
}
