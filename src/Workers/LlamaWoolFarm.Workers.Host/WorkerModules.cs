using LlamaWoolFarm.Workers.Accounts;
using LlamaWoolFarm.Workers.Analytics;
using LlamaWoolFarm.Workers.Game;
using LlamaWoolFarm.Workers.Leaderboards;
using LlamaWoolFarm.Workers.Notifications;
using LlamaWoolFarm.Workers.Saves;
using LlamaWoolFarm.Workers.Scheduler;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Workers.Host;

/// <summary>A worker module: its services and its consumers.</summary>
public sealed record WorkerModule(string Name, Func<IHostApplicationBuilder, IHostApplicationBuilder> AddServices, Action<IBusRegistrationConfigurator> AddConsumers);

/// <summary>
/// The worker modules this build has, and the choice of them by <c>Workers:Enabled</c> (a comma-separated list,
/// or <c>*</c> / unset for all), so each module can run — and scale — as its own process.
/// </summary>
public static class WorkerModules
{
    public static IReadOnlyList<WorkerModule> All { get; } =
    [
        new("game", GameWorker.AddServices, GameWorker.AddConsumers),
        new("accounts", AccountsWorker.AddServices, AccountsWorker.AddConsumers),
        new("saves", SavesWorker.AddServices, SavesWorker.AddConsumers),
        new("leaderboards", LeaderboardsWorker.AddServices, LeaderboardsWorker.AddConsumers),
        new("scheduler", SchedulerWorker.AddServices, SchedulerWorker.AddConsumers),
        new("analytics", AnalyticsWorker.AddServices, AnalyticsWorker.AddConsumers),
        new("notifications", NotificationsWorker.AddServices, NotificationsWorker.AddConsumers),
    ];

    /// <summary>The modules named by <c>Workers:Enabled</c>; an unknown name stops the process with the list of known ones.</summary>
    public static IReadOnlyList<WorkerModule> Enabled(IConfiguration configuration)
    {
        var setting = configuration["Workers:Enabled"];
        if (string.IsNullOrWhiteSpace(setting) || setting.Trim() == "*")
        {
            return All;
        }

        var names = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => All.All(m => !string.Equals(m.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException("Workers:Enabled", typeof(WorkerModule), [
                $"Workers:Enabled names unknown modules: {string.Join(", ", unknown)}. Known: {string.Join(", ", All.Select(m => m.Name))}."]);
        }

        return All.Where(m => names.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>Adds the services of the modules and a bus carrying their consumers (plus <paramref name="more"/>).</summary>
    public static void AddTo(IHostApplicationBuilder builder, IReadOnlyList<WorkerModule> modules, Action<IBusRegistrationConfigurator>? more = null)
    {
        foreach (var module in modules)
        {
            module.AddServices(builder);
        }

        if (modules.Any(m => m.Name == "game") && modules.Any(m => m.Name == "saves"))
        {
            // Both modules here: saves hands its game-state messages to the game worker's service in process (two bus
            // round trips per upload cost more than the upload's own work); in other processes they go over the bus.
            builder.Services.Replace(ServiceDescriptor.Singleton<IGameStates, InProcessGameStates>());
        }

        ServiceDefaults.Messaging.BusExtensions.AddBus(builder, bus =>
        {
            foreach (var module in modules)
            {
                module.AddConsumers(bus);
            }

            more?.Invoke(bus);
        });
    }
}
