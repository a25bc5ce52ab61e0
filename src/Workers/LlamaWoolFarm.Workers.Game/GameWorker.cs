using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using LlamaWoolFarm.Workers.Game.Consumers;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Workers.Game;

/// <summary>
/// The game module: owns the players' game states (collections <c>game_states</c>, <c>commands</c>,
/// <c>running_events</c>), applies game commands and event rewards, knows the running events' effects, and is the
/// only reader and writer of game states: the saves worker reads and replaces them through
/// <c>GetGameStateForSave</c> / <c>ReplaceGameStateFromSave</c>, the leaderboards worker rebuilds from <c>GetGameScores</c>.
/// </summary>
public static class GameWorker
{
    /// <summary>Registers the game services (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The effects of the events the saga started, kept in the document store and reloaded by every replica.
        builder.Services.TryAddSingleton<RunningEventEffects>();
        builder.Services.TryAddSingleton<IActiveEffectsProvider>(sp => sp.GetRequiredService<RunningEventEffects>());
        builder.Services.AddHostedService<RunningEventEffectsRefresh>();
        builder.Services.AddSettings<GameOptions>(GameOptions.SectionName);
        // The states this worker wrote last, kept in memory (write-through; the store's versioned replace decides).
        builder.Services.TryAddSingleton(sp => new HotGameStates(sp.GetRequiredService<IOptions<GameOptions>>().Value.HotStates));
        builder.Services.AddSingleton<GameCommandService>();
        builder.Services.AddSingleton<GameDataService>();
        builder.Services.AddSingleton<SaveStateService>();
        builder.Services.AddSingleton<GameScoresService>();
        // Backpressure: the flow of accepted commands through this worker, reported to the gateways twice a second.
        builder.Services.TryAddSingleton<CommandFlow>();
        builder.Services.AddHostedService<CommandBacklogReporter>();
        return builder;
    }

    /// <summary>Registers the game consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SubmitClicksConsumer, SubmitClicksConsumerDefinition>();
        bus.AddConsumer<PurchaseBuildingConsumer, PurchaseBuildingConsumerDefinition>();
        bus.AddConsumer<PurchaseUpgradeConsumer, PurchaseUpgradeConsumerDefinition>();
        bus.AddConsumer<PerformPrestigeConsumer, PerformPrestigeConsumerDefinition>();
        bus.AddConsumer<ClaimOfflineProgressConsumer, ClaimOfflineProgressConsumerDefinition>();
        bus.AddConsumer<PlayerActivityConsumer, PlayerActivityConsumerDefinition>();
        bus.AddConsumer<GetGameStateConsumer>();
        bus.AddConsumer<GetOfflineProgressConsumer>();
        bus.AddConsumer<GetGameConfigConsumer>();
        bus.AddConsumer<GetCommandStatusConsumer>();
        bus.AddConsumer<GrantEventRewardConsumer, GrantEventRewardConsumerDefinition>();
        bus.AddConsumer<EventEffectsStartedConsumer>();
        bus.AddConsumer<EventEffectsFinishedConsumer>();
        bus.AddConsumer<PurgeGameDataConsumer>();
        bus.AddConsumer<ExportGameDataConsumer>();
        bus.AddConsumer<GetGameStateForSaveConsumer>();
        bus.AddConsumer<ReplaceGameStateFromSaveConsumer>();
        bus.AddConsumer<GetGameScoresConsumer>();
    }
}
