using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Game.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>The running events' effects (GAME_RULES §9), fed by the saga's start and finish events.</summary>
public sealed class EventEffectsTests
{
    [Fact]
    public async Task Double_wool_doubles_production_and_clicks_inside_its_window_only()
    {
        await using var game = await StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, _ => { });
        var before = SubmitClicksTests.Number((await game.StateAsync(player)).RatesPerSecond["basic"]);

        await StartedAsync(game, CompetitionEventTypes.DoubleWool, game.Clock.Now, game.Clock.Now.AddHours(1));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 10, null));
        var during = await game.StateAsync(player);
        game.Clock.Advance(TimeSpan.FromHours(1));
        var after = await game.StateAsync(player);

        Assert.Equal(1, before, 9);
        Assert.Equal("20", game.Applied().Single().Changes["basic"]);
        // The first click also unlocked first_wool (×1.02); the event doubles the rest.
        Assert.Equal(2 * 1.02, SubmitClicksTests.Number(during.RatesPerSecond["basic"]), 9);
        Assert.Equal(1.02, SubmitClicksTests.Number(after.RatesPerSecond["basic"]), 9);
    }

    [Fact]
    public async Task A_building_sale_lowers_prices_while_it_runs()
    {
        await using var game = await StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.WoolCounts["basic"] = BigNumber.FromDouble(100));

        await StartedAsync(game, CompetitionEventTypes.BuildingSale, game.Clock.Now.AddMinutes(-1), game.Clock.Now.AddMinutes(1));
        await game.SendAsync(new PurchaseBuilding(Guid.NewGuid(), player, "barn", 1, null));

        Assert.Equal("-7.5", game.Applied().Single().Changes["basic"]);
    }

    [Fact]
    public async Task A_restarted_worker_knows_the_running_events_from_the_store()
    {
        await using var game = await StartAsync();
        await StartedAsync(game, CompetitionEventTypes.PrestigeBonus, game.Clock.Now, game.Clock.Now.AddHours(2));

        var restarted = new RunningEventEffects(game.Provider.GetRequiredService<IDocumentStore>());
        var effects = await AtAsync(restarted, game.Clock.Now.AddMinutes(30));

        Assert.Equal(2, effects.PrestigeMultiplier);
        Assert.Equal(1, effects.ProductionMultiplier);
    }

    [Fact]
    public async Task A_finished_event_leaves_the_running_set_and_a_late_start_does_not_bring_it_back()
    {
        await using var game = await StartAsync();
        var started = await StartedAsync(game, CompetitionEventTypes.AutumnHarvest, game.Clock.Now, game.Clock.Now.AddHours(2));
        var inside = game.Clock.Now.AddMinutes(30);
        Assert.Equal(0.2, (await AtAsync(Effects(game), inside)).OfflineEfficiencyBonus, 9);

        await game.Harness.Bus.Publish(new CompetitionEventFinished(started.EventId, 0, 0, game.Clock.Now));
        await ConsumedAsync<CompetitionEventFinished>(game, 1);
        var afterFinish = await AtAsync(Effects(game), inside);
        await game.Harness.Bus.Publish(started);
        await ConsumedAsync<CompetitionEventStarted>(game, 2);
        var restarted = new RunningEventEffects(game.Provider.GetRequiredService<IDocumentStore>());

        Assert.Same(ActiveEffects.None, afterFinish);
        Assert.Same(ActiveEffects.None, await AtAsync(Effects(game), inside));
        Assert.Same(ActiveEffects.None, await AtAsync(restarted, inside));
    }

    [Fact]
    public async Task A_command_after_an_event_ended_counts_the_gap_at_each_stretchs_own_rate()
    {
        await using var game = await StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, _ => { });
        var started = await StartedAsync(game, CompetitionEventTypes.DoubleWool, game.Clock.Now.AddMinutes(-10), game.Clock.Now.AddSeconds(40));
        game.Clock.Advance(TimeSpan.FromSeconds(100));
        await game.Harness.Bus.Publish(new CompetitionEventFinished(started.EventId, 0, 0, game.Clock.Now));
        await ConsumedAsync<CompetitionEventFinished>(game, 1);

        await game.SendAsync(new PurchaseBuilding(Guid.NewGuid(), player, "barn", 1, null));

        // The starting llama makes 1/s: 40 s of double_wool at 2/s and 60 s after it at 1/s; the barn costs 10.
        var changed = game.Published<GameStateChanged>().Single();
        Assert.Equal("140", changed.WoolProduced);
        Assert.Equal(130, SubmitClicksTests.Number(changed.State.WoolCounts["basic"]), 9);
    }

    [Fact]
    public async Task A_finish_before_the_scheduled_end_cuts_the_window_there()
    {
        await using var game = await StartAsync();
        var started = await StartedAsync(game, CompetitionEventTypes.DoubleWool, game.Clock.Now, game.Clock.Now.AddHours(2));
        await game.Harness.Bus.Publish(new CompetitionEventFinished(started.EventId, 0, 0, game.Clock.Now.AddHours(1)));
        await ConsumedAsync<CompetitionEventFinished>(game, 1);

        var restarted = new RunningEventEffects(game.Provider.GetRequiredService<IDocumentStore>());
        var events = await restarted.GetTimelineAsync(Guid.NewGuid(), game.Clock.Now, game.Clock.Now.AddHours(2), default);

        Assert.Equal(2, events.At(game.Clock.Now.AddMinutes(59)).ProductionMultiplier);
        Assert.Same(ActiveEffects.None, events.At(game.Clock.Now.AddMinutes(61)));
    }

    private static RunningEventEffects Effects(GameWorkerFixture game) => game.Provider.GetRequiredService<RunningEventEffects>();

    /// <summary>The effects at a moment, as a command at that moment reads them.</summary>
    private static async Task<ActiveEffects> AtAsync(RunningEventEffects effects, DateTimeOffset at) =>
        (await effects.GetTimelineAsync(Guid.NewGuid(), at, at, default)).At(at);

    // The fixture runs the worker's own RunningEventEffects.
    private static Task<GameWorkerFixture> StartAsync() => GameWorkerFixture.StartAsync();

    private static async Task<CompetitionEventStarted> StartedAsync(GameWorkerFixture game, string type, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var started = new CompetitionEventStarted(Guid.NewGuid(), type, startsAt, endsAt);
        await game.Harness.Bus.Publish(started);
        await ConsumedAsync<CompetitionEventStarted>(game, 1);
        return started;
    }

    /// <summary>Polls to a deadline (the harness's own wait is short under load) until <paramref name="count"/> messages were consumed.</summary>
    private static async Task ConsumedAsync<T>(GameWorkerFixture game, int count)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (game.Harness.Consumed.Select<T>().Count() < count)
        {
            await Task.Delay(10, timeout.Token);
        }

        await game.Harness.InactivityTask;
    }
}
