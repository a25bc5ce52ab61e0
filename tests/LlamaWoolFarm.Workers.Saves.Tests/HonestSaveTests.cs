using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Workers.Saves.Services;
using static LlamaWoolFarm.Workers.Saves.Tests.SavesFixture;

namespace LlamaWoolFarm.Workers.Saves.Tests;

/// <summary>
/// Honest play next to the cheat suite: saves a client following the rules makes (the engine plays them) are
/// accepted over the test bus by the real saves worker, so the tighter bounds of issue 16 refuse no honest save.
/// </summary>
public sealed class HonestSaveTests
{
    private static readonly GameEngine Engine = GameEngine.V1;

    [Theory]
    [InlineData("N")]
    [InlineData("D")]
    [InlineData("B")]
    [InlineData("P")]
    public async Task A_save_naming_its_player_in_any_canonical_guid_form_is_accepted(string format)
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromSeconds(10));
        var save = Played(current, 100);
        save["playerId"] = player.ToString(format).ToUpperInvariant();

        var accepted = (await saves.RequestAsync(Upload(player, 0, save))).Accepted;

        Assert.NotNull(accepted);
        Assert.Equal("100", Basic(await saves.StateAsync(player)));
    }

    [Fact]
    public async Task Uploads_every_few_seconds_of_full_speed_clicking_are_all_accepted()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        for (var i = 0; i < 10; i++)
        {
            saves.Clock.Advance(TimeSpan.FromSeconds(3));
            var current = await saves.CurrentAsync(player);
            // 3 s at 20 clicks a second and 1 wool a second.
            Assert.NotNull((await saves.RequestAsync(Upload(player, current.Revision, Played(current, 63)))).Accepted);
        }

        Assert.Equal("630", Basic(await saves.StateAsync(player)));
    }

    [Fact]
    public async Task Uploads_every_three_seconds_claiming_the_elapsed_play_time_are_all_accepted()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        // The device's counter runs 1.5 s ahead of the server's (it started before the download arrived), and each
        // save is made 2 s or 0.2 s before the server receives it: the play time claimed grows by 4.8 s or 1.2 s
        // every 3 s, and its lead never adds up to more than the one slack.
        for (var i = 0; i < 120; i++)
        {
            saves.Clock.Advance(TimeSpan.FromSeconds(3));
            var latency = i % 2 == 0 ? 2.0 : 0.2;
            var current = await saves.CurrentAsync(player);
            var save = Played(current, 3);
            save["playTime"] = (long)Math.Round((1.5 + (3 * (i + 1)) - latency) * 1000);

            Assert.NotNull((await saves.RequestAsync(Upload(player, current.Revision, save))).Accepted);
        }

        Assert.Equal(361.3, (await saves.StateAsync(player)).PlayTimeSeconds, 9);
    }

    [Fact]
    public async Task Greedy_play_then_a_thirteen_hour_offline_gap_is_accepted()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        var state = await saves.StateAsync(player);
        var now = PlayGreedily(state, saves.Clock.Now, 600, EffectsTimeline.Empty);
        var back = now.AddHours(13);
        Engine.Materialize(state, back, EffectsTimeline.Empty);
        Assert.True(Engine.ClaimOfflineProgress(state, back, EffectsTimeline.Empty).Success);
        saves.Clock.Advance(back - saves.Clock.Now);

        var accepted = (await saves.RequestAsync(Upload(player, 0, SaveJson.ToNode(SaveConversion.ToSave(state))))).Accepted;

        Assert.NotNull(accepted);
        // A save carries 15 significant digits (BigNumber.SignificantDigits): the state holds the amount as written.
        Assert.Equal(state.LifetimeWoolProduced.ToString(), (await saves.StateAsync(player)).LifetimeWoolProduced.ToString());
    }

    [Fact]
    public async Task Greedy_play_during_double_wool_and_a_building_sale_is_accepted()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        var start = saves.Clock.Now;
        await saves.StartEventAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.DoubleWool, start, start.AddHours(1)));
        await saves.StartEventAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.BuildingSale, start, start.AddHours(1)));
        var events = EffectsTimeline.Constant(new ActiveEffects { ProductionMultiplier = 2, BuildingPriceMultiplier = 0.75 });
        var state = await saves.StateAsync(player);
        var now = PlayGreedily(state, start, 300, events);
        saves.Clock.Advance(now - saves.Clock.Now);

        var accepted = (await saves.RequestAsync(Upload(player, 0, SaveJson.ToNode(SaveConversion.ToSave(state))))).Accepted;

        Assert.NotNull(accepted);
    }

    [Fact]
    public async Task A_prestige_reached_inside_the_window_is_accepted_and_the_next_upload_too()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        // As the game worker left it: a run just short of 1e7 and the buildings and achievements that made it.
        var seeded = PlayerState.CreateNew(SaveRepository.Key(player), saves.Clock.Now);
        seeded.Buildings["barn"] = 100;
        seeded.Buildings["shears"] = 50;
        seeded.UnlockedWoolTypes.Add("silver");
        seeded.RunWoolProduced = BigNumber.FromDouble(9.96e6);
        seeded.LifetimeWoolProduced = BigNumber.FromDouble(9.96e6);
        seeded.Achievements.AddRange(["first_wool", "wool_collector", "wool_tycoon", "first_building", "industrialist", "mogul"]);
        await saves.SeedAsync(player, seeded);
        var state = await saves.StateAsync(player);
        var start = saves.Clock.Now;
        Engine.Heartbeat(state, start.AddSeconds(100), EffectsTimeline.Empty);
        Engine.Heartbeat(state, start.AddSeconds(200), EffectsTimeline.Empty);
        Assert.True(Engine.Prestige(state, start.AddSeconds(250), EffectsTimeline.Empty).Success);
        PlayGreedily(state, start.AddSeconds(250), 50, EffectsTimeline.Empty);
        saves.Clock.Advance(TimeSpan.FromSeconds(300));

        var first = (await saves.RequestAsync(Upload(player, 0, SaveJson.ToNode(SaveConversion.ToSave(state))))).Accepted;
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await saves.RequestAsync(Upload(player, 1, Played(await saves.CurrentAsync(player), 500)))).Accepted;

        Assert.NotNull(first);
        Assert.NotNull(second);
        var stored = await saves.StateAsync(player);
        Assert.Equal(1, stored.SoulShears);
        Assert.Equal(1, stored.TotalPrestiges);
    }

    /// <summary>
    /// A bot clicking 20 times a second and buying every building level (up to 100) and upgrade it can afford, one
    /// second at a time from <paramref name="from"/>; returns the time it stopped.
    /// </summary>
    private static DateTimeOffset PlayGreedily(PlayerState state, DateTimeOffset from, int seconds, EffectsTimeline events)
    {
        var now = from;
        for (var second = 1; second <= seconds; second++)
        {
            now = from.AddSeconds(second);
            Assert.True(Engine.ApplyClicks(state, 20, now, events).Success);
            foreach (var building in new[] { "shears", "barn" })
            {
                while (state.GetLevel(building) < 100 && Engine.PurchaseBuilding(state, building, 1, now, events).Success)
                {
                }
            }

            foreach (var upgrade in Engine.Catalog.Upgrades)
            {
                Engine.PurchaseUpgrade(state, upgrade.Id, now, events);
            }
        }

        return now;
    }
}
