using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Messaging.Sagas;
using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Storage.Cache;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Storage.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Consumers;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using LlamaWoolFarm.Workers.Leaderboards.StateMachines;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Leaderboards;

/// <summary>The leaderboards module: all-time, seasonal and competition-event boards fed by the game worker's score changes, and the competition-event saga.</summary>
public static class LeaderboardsWorker
{
    /// <summary>
    /// Registers the leaderboard store (Redis in server mode, in-process embedded — then rebuilt at start from the
    /// game worker's answer to <c>GetGameScores</c>), the cache of the boards' top pages (<c>Leaderboards:TopPageCacheSeconds</c>, in the shared
    /// cache store), the board service, the top-10 coalescer and the recurring season close it registers with the
    /// scheduler worker at start (the document store and clock come from the host).
    /// </summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddLeaderboardStore();
        builder.AddCacheStore();
        builder.Services.AddSettings<TopPageCacheOptions>(TopPageCacheOptions.SectionName);
        AddCore(builder.Services);
        var storage = StorageSettings.ReadStorage(builder.Configuration);
        if (storage.Mode == StorageMode.Embedded)
        {
            // In-process boards start empty: rebuilt from the game worker's scores once the bus is up.
            builder.Services.AddHostedService<LeaderboardRebuild>();
        }

        builder.Services.AddHostedService<TopTenFlusher>();
        builder.Services.AddSettings<SeasonCloseOptions>(SeasonCloseOptions.SectionName);
        builder.Services.AddHostedService<SeasonCloseSchedule>();
        return builder;
    }

    /// <summary>The services without host concerns (tests add them to a harness with a store of their choice).</summary>
    public static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddSingleton<ILeaderboardStore, InProcessLeaderboardStore>();
        services.TryAddSingleton<ICacheStore>(sp => new InProcessCacheStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(new TopPageCacheOptions());
        services.AddSingleton<TopPageCache>();
        services.AddSingleton<TopTenUpdates>();
        services.AddSingleton<HiddenPlayers>();
        services.AddSingleton<LeaderboardService>();
        services.AddSingleton<CompetitionEventService>();
        services.AddSingleton<LeaderboardDataService>();
        return services;
    }

    /// <summary>Registers the leaderboards consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScoresChangedConsumer, ScoresChangedConsumerDefinition>();
        bus.AddConsumer<GetLeaderboardConsumer>();
        bus.AddConsumer<GetLeaderboardAroundPlayerConsumer>();
        bus.AddConsumer<GetFriendsLeaderboardConsumer>();
        bus.AddConsumer<GetPlayerRankConsumer>();
        bus.AddConsumer<CloseLeaderboardSeasonsConsumer>();
        bus.AddConsumer<CreateCompetitionEventConsumer>();
        bus.AddConsumer<FinalizeCompetitionEventConsumer>();
        bus.AddConsumer<GetActiveEventsConsumer>();
        bus.AddConsumer<GetEventLeaderboardConsumer>();
        bus.AddConsumer<PurgeLeaderboardDataConsumer>();
        bus.AddConsumer<ExportLeaderboardDataConsumer>();
        bus.AddConsumer<PlayerBannedLeaderboardConsumer>();
        bus.AddConsumer<PlayerBanLiftedLeaderboardConsumer>();
        bus.AddSagaStateMachine<CompetitionEventStateMachine, CompetitionEventState, CompetitionEventStateDefinition>().DocumentRepository();
    }
}
