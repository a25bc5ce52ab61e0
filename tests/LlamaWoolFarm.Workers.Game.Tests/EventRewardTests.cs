using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Game.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>Competition rewards: Golden Fleece added once per (event, player), confirmed to the saga.</summary>
public sealed class EventRewardTests
{
    [Fact]
    public async Task A_reward_is_granted_once_however_often_it_is_sent_and_confirmed_each_time()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var (player, eventId) = (Guid.NewGuid(), Guid.NewGuid());
        await game.SeedAsync(player, _ => { });
        var reward = new GrantEventReward(Guid.NewGuid(), player, null, eventId, 1, 100);

        await game.SendAsync(reward);
        await game.SendAsync(reward);

        var state = await game.StateAsync(player);
        Assert.Equal(100, state.GoldenFleece);
        Assert.Equal(1, state.Revision);
        // +1% production per Golden Fleece.
        Assert.Equal(2, SubmitClicksTests.Number(state.RatesPerSecond["basic"]), 9);
        var confirmations = game.Published<EventRewardGranted>();
        Assert.Equal(2, confirmations.Count);
        Assert.All(confirmations, c => Assert.Equal((eventId, player, reward.CommandId, 1L, 100L, 100L), (c.EventId, c.PlayerId, c.CommandId, c.Rank, c.GoldenFleece, c.TotalGoldenFleece)));
        Assert.All(game.Applied(), a => Assert.Equal((reward.CommandId, ActionTypes.EventReward), (a.CommandId, a.ActionType)));
    }

    [Fact]
    public async Task A_reward_redelivered_after_the_states_window_moved_on_is_not_applied_again()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var reward = new GrantEventReward(Guid.NewGuid(), player, null, Guid.NewGuid(), 1, 100);
        await game.SendAsync(reward);
        for (var i = 0; i < CommandWindow.MarksKept + 1; i++)
        {
            game.Clock.Advance(TimeSpan.FromSeconds(1));
            await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 1, null, game.Clock.Now));
        }

        await game.SendAsync(reward);

        Assert.Equal(100, (await game.StateAsync(player)).GoldenFleece);
        Assert.Equal(2, game.Published<EventRewardGranted>().Count);
    }

    [Fact]
    public async Task Rewards_of_two_events_add_up()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();

        await game.SendAsync(new GrantEventReward(Guid.NewGuid(), player, null, Guid.NewGuid(), 1, 100));
        await game.SendAsync(new GrantEventReward(Guid.NewGuid(), player, null, Guid.NewGuid(), 3, 10));

        Assert.Equal(110, (await game.StateAsync(player)).GoldenFleece);
        Assert.Equal([100L, 110L], game.Published<EventRewardGranted>().Select(c => c.TotalGoldenFleece));
    }

    [Fact]
    public async Task A_reward_accrues_production_first_and_is_not_the_players_activity()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var seeded = await game.SeedAsync(player, _ => { });
        game.Clock.Advance(TimeSpan.FromSeconds(10));

        await game.SendAsync(new GrantEventReward(Guid.NewGuid(), player, null, Guid.NewGuid(), 1, 100));

        var stored = await game.Provider.GetRequiredService<IDocumentStore>().Collection<GameStateDocument>("game_states").GetAsync(player.ToString("N"));
        // Ten seconds of the starting llama at 1/s, before the reward doubled the rate.
        Assert.Equal("10", stored!.Document.State.WoolCounts["basic"].ToString());
        Assert.Equal(seeded.LastActiveAt, stored.Document.State.LastActiveAt);
        Assert.Equal(game.Clock.Now, stored.Document.State.LastMaterializedAt);
    }
}
