using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Game.Tests;

public sealed class PrestigeTests
{
    [Fact]
    public async Task A_prestige_grants_soul_shears_resets_the_run_and_is_applied_once()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, LargeRun);
        var command = new PerformPrestige(Guid.NewGuid(), player, null);

        await game.SendAsync(command);
        await game.SendAsync(command);

        // ⌊log10(1e8 / 1e6)⌋ = 2 Soul Shears.
        var completed = game.Published<PrestigeCompleted>();
        Assert.Equal(2, completed.Count);
        Assert.All(completed, p => Assert.Equal((command.CommandId, 2L, 2L, 1L, "100000000"), (p.CommandId, p.SoulShearsGained, p.SoulShears, p.TotalPrestiges, p.RunWoolProduced)));
        var state = await game.StateAsync(player);
        Assert.Equal(("2", 1, 1L), (state.SoulShears, state.TotalPrestiges, state.Revision));
        Assert.Equal("0", state.WoolCounts["basic"]);
        Assert.Equal(0, state.Buildings["barn"]);
        Assert.Equal("0", state.RunWoolProduced);
        Assert.Equal("100000000", state.LifetimeWoolProduced);
        Assert.Equal(["basic"], state.UnlockedWoolTypes);
        Assert.Contains("first_prestige", state.Achievements);
        Assert.Contains(game.Published<AchievementUnlocked>(), a => a.AchievementId == "first_prestige");
        var scores = game.Published<ScoresChanged>()[^1];
        Assert.Equal((2L, 1, "100000000", 1L), (scores.SoulShears, scores.TotalPrestiges, scores.TotalWool, scores.Revision));
    }

    [Fact]
    public async Task A_prestige_below_the_threshold_is_refused_and_changes_nothing()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s =>
        {
            s.WoolCounts["basic"] = BigNumber.FromDouble(9e5);
            s.RunWoolProduced = s.LifetimeWoolProduced = BigNumber.FromDouble(9e5);
        });

        await game.SendAsync(new PerformPrestige(Guid.NewGuid(), player, null));

        Assert.Equal("INVALID_PRESTIGE", Assert.Single(game.Published<ActionRejected>()).Code);
        Assert.Empty(game.Published<PrestigeCompleted>());
        var state = await game.StateAsync(player);
        Assert.Equal(("900000", "0", 0L), (state.WoolCounts["basic"], state.SoulShears, state.Revision));
    }

    [Fact]
    public async Task An_action_sent_before_a_prestige_and_delivered_after_it_is_refused()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, LargeRun);
        var prestigeAt = game.Clock.Now;

        await game.SendAsync(new PerformPrestige(Guid.NewGuid(), player, null, prestigeAt));
        game.Clock.Advance(TimeSpan.FromSeconds(1));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 50, null, prestigeAt.AddMilliseconds(-200)));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 10, null, prestigeAt.AddMilliseconds(500)));

        Assert.Equal("PRESTIGE_IN_PROGRESS", Assert.Single(game.Published<ActionRejected>()).Code);
        var state = await game.StateAsync(player);
        Assert.Equal(2, state.Revision);
        // Only the 10 clicks sent after the prestige count.
        Assert.Equal(10, Assert.Single(game.Applied(), a => a.ActionType == "click").Quantity);
        var clicked = Assert.Single(game.Applied(), a => a.ActionType == "click").Changes["basic"];
        Assert.Equal(10 * SubmitClicksTests.Number(state.ClickPower), SubmitClicksTests.Number(clicked), 9);
    }

    private static void LargeRun(PlayerState state)
    {
        state.WoolCounts["basic"] = BigNumber.FromDouble(5e7);
        state.RunWoolProduced = state.LifetimeWoolProduced = BigNumber.FromDouble(1e8);
        state.Buildings["barn"] = 3;
        state.UnlockedWoolTypes = ["basic", "silver", "golden", "rainbow"];
    }
}
