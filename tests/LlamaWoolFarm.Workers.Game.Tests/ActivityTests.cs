using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>
/// Heartbeats from an open realtime connection are activity (GAME_RULES §4): they keep the player online, and a
/// gap before them stays offline time.
/// </summary>
public sealed class ActivityTests
{
    [Fact]
    public async Task A_player_who_keeps_sending_heartbeats_earns_at_the_full_rate_and_has_no_offline_grant()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.Buildings["barn"] = 10);
        var rate = BigNumber.Parse((await game.StateAsync(player)).RatesPerSecond["basic"]);

        // Ten minutes with a heartbeat every 90 s (beyond the 60 s resolution, inside the 120 s online window).
        for (var i = 0; i < 6; i++)
        {
            game.Clock.Advance(TimeSpan.FromSeconds(90));
            await game.SendAsync(new PlayerActivity(player, game.Clock.Now));
        }

        game.Clock.Advance(TimeSpan.FromSeconds(60));
        var state = await game.StateAsync(player);

        Assert.Null(state.OfflinePending);
        // Online all along: at least the starting rate for every second (achievements may raise it on the way).
        Assert.True(BigNumber.Parse(state.WoolCounts["basic"]).ToDouble() >= (rate * BigNumber.FromDouble(600)).ToDouble() - 1e-6);
        var changed = game.Published<GameStateChanged>();
        Assert.Equal(6, changed.Count);
        Assert.All(changed, c => Assert.Null(c.CommandId));
        Assert.Equal((rate * BigNumber.FromDouble(90)).ToDouble(), BigNumber.Parse(changed[0].WoolProduced!).ToDouble(), 6);
        // What each heartbeat says it produced adds up to the lifetime wool of the last one.
        var stated = changed.Aggregate(BigNumber.Zero, (sum, c) => sum + BigNumber.Parse(c.WoolProduced!));
        Assert.Equal(BigNumber.Parse(changed[^1].State.LifetimeWoolProduced).ToDouble(), stated.ToDouble(), 6);
        // A heartbeat is not an action: no commandCompleted push, nothing counted as a game action.
        Assert.Empty(game.Applied());
    }

    [Fact]
    public async Task Without_heartbeats_the_time_after_the_online_window_is_offline()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.Buildings["barn"] = 10);

        game.Clock.Advance(TimeSpan.FromMinutes(10));
        var state = await game.StateAsync(player);

        Assert.NotNull(state.OfflinePending);
        Assert.Equal(600 - 120, state.OfflinePending!.OfflineSeconds, 6);
    }

    [Fact]
    public async Task A_heartbeat_after_a_gap_keeps_the_gap_offline_and_one_soon_after_another_writes_nothing()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.Buildings["barn"] = 10);

        game.Clock.Advance(TimeSpan.FromMinutes(30));
        await game.SendAsync(new PlayerActivity(player, game.Clock.Now));
        var afterGap = await game.StateAsync(player);
        game.Clock.Advance(TimeSpan.FromSeconds(30));
        await game.SendAsync(new PlayerActivity(player, game.Clock.Now));

        Assert.Equal(1800 - 120, afterGap.OfflinePending!.OfflineSeconds, 6);
        Assert.Single(game.Published<GameStateChanged>());
        Assert.Equal(afterGap.Revision, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task A_heartbeat_of_a_player_without_a_farm_creates_nothing_and_a_future_one_counts_as_now()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var stranger = Guid.NewGuid();
        await game.SendAsync(new PlayerActivity(stranger, game.Clock.Now));
        Assert.Empty(game.Published<GameStateChanged>());
        Assert.Equal(0, (await game.StateAsync(stranger)).Revision);

        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.Buildings["barn"] = 1);
        game.Clock.Advance(TimeSpan.FromMinutes(5));
        await game.SendAsync(new PlayerActivity(player, game.Clock.Now.AddHours(3)));

        var changed = Assert.Single(game.Published<GameStateChanged>());
        Assert.Equal(game.Clock.Now, changed.At);
    }
}
