using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Players;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>
/// The game worker says once per player and UTC day that the player played (<see cref="DailyPlayStarted"/>), so the
/// saves worker's nightly backups need not receive every state change.
/// </summary>
public sealed class DailyPlayTests
{
    [Fact]
    public async Task The_first_applied_command_of_each_day_says_so_once_and_a_replay_repeats_it()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var first = new SubmitClicks(Guid.NewGuid(), player, 5, null);
        await game.SendAsync(first);
        game.Clock.Advance(TimeSpan.FromSeconds(10));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 5, null));

        // The next UTC day: a refused command is no play; the first applied one is, and its replay says it again.
        game.Clock.Advance(game.Clock.Now.UtcDateTime.Date.AddDays(1) - game.Clock.Now.UtcDateTime + TimeSpan.FromSeconds(1));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 0, null));
        var nextDay = new SubmitClicks(Guid.NewGuid(), player, 5, null);
        await game.SendAsync(nextDay);
        await game.SendAsync(nextDay);
        game.Clock.Advance(TimeSpan.FromSeconds(10));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 5, null));

        var started = game.Published<DailyPlayStarted>();
        Assert.Equal([first.CommandId, nextDay.CommandId, nextDay.CommandId], started.Select(s => s.CommandId));
        Assert.All(started, s => Assert.Equal(player, s.PlayerId));
        Assert.Equal(started[1].At, started[2].At);
        Assert.Equal(started[0].At.UtcDateTime.Date.AddDays(1), started[1].At.UtcDateTime.Date);
        Assert.Equal(5, game.Published<GameStateChanged>().Count);
    }

    [Fact]
    public async Task A_heartbeat_that_is_the_days_first_activity_says_so_and_a_later_one_does_not()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.Revision = 3);

        game.Clock.Advance(TimeSpan.FromDays(1));
        await game.SendAsync(new PlayerActivity(player, game.Clock.Now));
        game.Clock.Advance(TimeSpan.FromSeconds(90));
        await game.SendAsync(new PlayerActivity(player, game.Clock.Now));

        Assert.Equal(2, game.Published<GameStateChanged>().Count);
        var started = Assert.Single(game.Published<DailyPlayStarted>());
        Assert.Equal((player, (Guid?)null, game.Clock.Now.AddSeconds(-90)), (started.PlayerId, started.CommandId, started.At));
    }
}
