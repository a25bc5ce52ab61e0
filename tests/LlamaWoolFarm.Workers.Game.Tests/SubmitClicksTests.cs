using System.Globalization;
using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Consumers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

public sealed class SubmitClicksTests
{
    [Fact]
    public async Task A_new_players_first_clicks_applied_long_after_their_acceptance_start_the_farm_at_the_acceptance()
    {
        // A restart or a backlog delivers the first command of a new player 30 s after the gateway accepted it.
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var acceptedAt = game.Clock.Now;
        game.Clock.Advance(TimeSpan.FromSeconds(30));

        var first = await game.Service.SubmitClicksAsync(new SubmitClicks(Guid.NewGuid(), player, 50, null, acceptedAt), CancellationToken.None);
        var second = await game.Service.SubmitClicksAsync(new SubmitClicks(Guid.NewGuid(), player, 20, null, acceptedAt.AddSeconds(1)), CancellationToken.None);

        // Started at the apply time instead, the farm would place both batches before its own start and refuse them.
        Assert.Equal((CommandStatuses.Completed, CommandStatuses.Completed), (first.Record.Status, second.Record.Status));
        var state = await game.StateAsync(player);
        Assert.Equal(2, state.Revision);
    }

    [Fact]
    public async Task A_click_batch_adds_its_wool_and_publishes_the_result_events()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var command = new SubmitClicks(Guid.NewGuid(), player, 7, "req-1");

        await game.SendAsync(command);

        var applied = Assert.Single(game.Applied());
        Assert.Equal(command.CommandId, applied.CommandId);
        Assert.Equal("click", applied.ActionType);
        // A new player's click power is 1: 7 clicks are 7 basic wool.
        Assert.Equal("7", applied.Changes["basic"]);
        var changed = Assert.Single(game.Published<GameStateChanged>());
        Assert.Equal("7", changed.State.WoolCounts["basic"]);
        Assert.Equal(1, changed.Revision);
        // What the change produced, and the action that made it, travel with it for analytics.
        Assert.Equal("7", changed.WoolProduced);
        Assert.Equal(("click", 7, applied.AppliedAt), (changed.ActionType, changed.Quantity, changed.ActionAt));
        // The applied command rides on the state change: no event of its own.
        Assert.Empty(game.Published<ActionApplied>());
        var scores = Assert.Single(game.Published<ScoresChanged>());
        Assert.Equal((player, 1L, "7"), (scores.PlayerId, scores.Revision, scores.TotalWool));
        Assert.Equal("0.7", scores.NetWorth);
        var achievement = Assert.Single(game.Published<AchievementUnlocked>());
        Assert.Equal(("first_wool", command.CommandId), (achievement.AchievementId, achievement.CommandId));
    }

    [Fact]
    public async Task The_same_command_delivered_twice_is_applied_once()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var command = new SubmitClicks(Guid.NewGuid(), player, 10, null);

        await game.SendAsync(command);
        await game.SendAsync(command);

        Assert.Equal(2, game.Harness.Consumed.Select<SubmitClicks>().Count());
        var state = await game.StateAsync(player);
        Assert.Equal("10", state.WoolCounts["basic"]);
        Assert.Equal(1, state.Revision);
        // The replay republishes the same outcome, so a client that missed the first push still gets it.
        Assert.Equal(2, game.Applied().Count);
        Assert.All(game.Applied(), e => Assert.Equal(("10", command.CommandId), (e.Changes["basic"], e.CommandId)));
        Assert.All(game.Published<AchievementUnlocked>(), e => Assert.Equal(command.CommandId, e.CommandId));
    }

    [Fact]
    public async Task More_clicks_than_the_elapsed_time_allows_are_refused_whole_and_change_nothing()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 100, null));
        var refused = new SubmitClicks(Guid.NewGuid(), player, 30, null);

        await game.SendAsync(refused);

        var rejected = Assert.Single(game.Published<ActionRejected>());
        Assert.Equal(refused.CommandId, rejected.CommandId);
        Assert.Equal("RATE_LIMITED_ACTION", rejected.Code);
        var state = await game.StateAsync(player);
        Assert.Equal("100", state.WoolCounts["basic"]);
        Assert.Equal(1, state.Revision);
        // A refusal changes no score.
        Assert.Single(game.Published<ScoresChanged>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-3)]
    public async Task A_batch_outside_1_to_100_is_refused_with_INVALID_QUANTITY(int quantity)
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();

        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, quantity, null));

        Assert.Equal("INVALID_QUANTITY", Assert.Single(game.Published<ActionRejected>()).Code);
        Assert.Equal(0, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task Elapsed_server_time_allows_20_clicks_per_second_and_produces_wool()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 100, null));

        game.Clock.Advance(TimeSpan.FromSeconds(2));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 41, null));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 40, null));

        // 41 clicks in 2 s are more than 20 per second; 40 are allowed.
        Assert.Equal("RATE_LIMITED_ACTION", Assert.Single(game.Published<ActionRejected>()).Code);
        var state = await game.StateAsync(player);
        // 100 clicks at power 1, then first_wool (×1.02): 2 s of the starting llama (1/s) and 40 clicks, both × 1.02.
        Assert.Equal(100 + (2 * 1.02) + (40 * 1.02), Number(state.WoolCounts["basic"]), 9);
        Assert.Equal("1.02", state.RatesPerSecond["basic"]);
        Assert.Equal("1.02", state.ClickPower);
    }

    [Fact]
    public async Task Batches_accepted_at_an_honest_pace_but_delivered_together_after_a_backlog_are_all_applied()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 100, null, game.Clock.GetUtcNow()));
        var accepted = game.Clock.GetUtcNow();

        // The gateway accepted three batches of 20 one second apart; an outage delivers them 10 s later, together.
        game.Clock.Advance(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 3; i++)
        {
            await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 20, null, accepted.AddSeconds(i)));
        }

        Assert.Empty(game.Published<ActionRejected>());
        Assert.Equal(4, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task Batches_accepted_at_an_honest_pace_but_applied_out_of_acceptance_order_are_all_applied()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 100, null, game.Clock.GetUtcNow()));
        var accepted = game.Clock.GetUtcNow();

        // Two game workers: the batch accepted at +2 s is applied before the one accepted at +1 s.
        game.Clock.Advance(TimeSpan.FromSeconds(3));
        foreach (var second in new[] { 2, 1, 3 })
        {
            await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 20, null, accepted.AddSeconds(second)));
        }

        Assert.Empty(game.Published<ActionRejected>());
        Assert.Equal(4, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task Batches_accepted_faster_than_20_per_second_are_refused_however_late_they_arrive()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 100, null, game.Clock.GetUtcNow()));
        var accepted = game.Clock.GetUtcNow();

        // Accepted 1 s after the first batch: 21 clicks are more than that second allows, even delivered 10 s later.
        game.Clock.Advance(TimeSpan.FromSeconds(10));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 21, null, accepted.AddSeconds(1)));

        Assert.Equal("RATE_LIMITED_ACTION", Assert.Single(game.Published<ActionRejected>()).Code);
        Assert.Equal(1, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task Concurrent_commands_of_one_player_are_all_applied_without_losing_an_update()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.WoolCounts["basic"] = BigNumber.FromDouble(1e6));
        var service = game.Service;

        // Straight at the service, so the writes really race; version conflicts are retried like the bus does.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            var command = new PurchaseBuilding(Guid.NewGuid(), player, "barn", 1, null);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await service.PurchaseBuildingAsync(command, CancellationToken.None);
                    return;
                }
                catch (ConcurrencyException) when (attempt < 50)
                {
                }
            }
        })));

        var state = await service.GetStateAsync(player, CancellationToken.None);
        Assert.Equal(10, state.Buildings["barn"]);
        Assert.Equal(10, state.Revision);
        // Σ 10 × 1.15^n for n = 0..9, paid once each.
        Assert.Equal(1e6 - (10 * (Math.Pow(1.15, 10) - 1) / 0.15), Number(state.WoolCounts["basic"]), 6);
    }

    [Fact]
    public async Task A_version_conflict_on_the_bus_is_retried_and_the_command_applied_once()
    {
        var store = new ConflictOnceStore(new SqliteDocumentStore(Path.Combine(TestServers.NewDataFolder(), "documents.db")));
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<IDocumentStore>(store));
        var player = Guid.NewGuid();

        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 9, null));

        Assert.Equal(1, store.Conflicts);
        Assert.Single(game.Harness.Consumed.Select<SubmitClicks>());
        // The failed attempt published nothing: the outbox let only the successful attempt's events out.
        Assert.Single(game.Applied());
        var state = await game.StateAsync(player);
        Assert.Equal("9", state.WoolCounts["basic"]);
        Assert.Equal(1, state.Revision);
    }

    [Fact]
    public async Task A_commands_status_is_told_to_its_player_and_to_nobody_else()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var command = new SubmitClicks(Guid.NewGuid(), player, 3, null);
        await game.SendAsync(command);
        var client = game.Harness.GetRequestClient<GetCommandStatus>();

        var own = (await client.GetResponse<CommandStatus>(new GetCommandStatus(command.CommandId, player))).Message;
        var other = (await client.GetResponse<CommandStatus>(new GetCommandStatus(command.CommandId, Guid.NewGuid()))).Message;

        Assert.Equal(CommandStatuses.Completed, own.Status);
        Assert.Equal("3", own.Changes!["basic"]);
        Assert.Equal(CommandStatuses.Pending, other.Status);
        Assert.Null(other.Changes);
    }

    [Fact]
    public void Commands_are_sent_to_the_queue_their_consumer_listens_on()
    {
        var names = KebabCaseEndpointNameFormatter.Instance;
        Assert.Equal(names.Consumer<SubmitClicksConsumer>(), Queues.Name<SubmitClicks>());
        Assert.Equal(names.Consumer<PurchaseBuildingConsumer>(), Queues.Name<PurchaseBuilding>());
        Assert.Equal(names.Consumer<PurchaseUpgradeConsumer>(), Queues.Name<PurchaseUpgrade>());
        Assert.Equal(names.Consumer<PerformPrestigeConsumer>(), Queues.Name<PerformPrestige>());
        Assert.Equal(names.Consumer<ClaimOfflineProgressConsumer>(), Queues.Name<ClaimOfflineProgress>());
    }

    internal static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
