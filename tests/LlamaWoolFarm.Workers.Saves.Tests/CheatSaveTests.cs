using System.Text.Json.Nodes;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using static LlamaWoolFarm.Workers.Saves.Tests.SavesFixture;

namespace LlamaWoolFarm.Workers.Saves.Tests;

/// <summary>
/// Cheat saves (issue 16), each sent over the test bus to the real saves worker with a manual clock: every one is
/// refused (SAVE_REJECTED, or a conflict the server wins) and the stored state and revision do not change.
/// </summary>
public sealed class CheatSaveTests
{
    [Fact]
    public async Task A_prestige_forged_two_seconds_after_one_click_is_refused_and_changes_nothing()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var fresh = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.NotNull((await saves.RequestAsync(Upload(player, 0, Played(fresh, 1)))).Accepted);
        saves.Clock.Advance(TimeSpan.FromSeconds(2));

        var forged = Forged(await saves.CurrentAsync(player), prestiges: 1, soulShears: 1, lifetime: "10000006.13");
        await AssertRefusedAsync(saves, player, Upload(player, 1, forged), SaveRules.RunExceedsBound);

        // A minute later the window still holds nowhere near a run of 1e7.
        saves.Clock.Advance(TimeSpan.FromSeconds(60));
        await AssertRefusedAsync(saves, player, Upload(player, 1, Forged(await saves.CurrentAsync(player), 1, 1, "10000006.13")), SaveRules.RunExceedsBound);
        Assert.Equal(0, (await saves.StateAsync(player)).SoulShears);
    }

    [Fact]
    public async Task Chained_uploads_share_one_click_allowance_instead_of_a_fresh_look_back_each()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        // 240 uploads 7.5 ms apart, each claiming 95 clicks more than the last accepted state.
        for (var i = 0; i < 240; i++)
        {
            saves.Clock.Advance(TimeSpan.FromMilliseconds(7.5));
            var current = await saves.CurrentAsync(player);
            await saves.RequestAsync(Upload(player, current.Revision, Played(current, 95)));
        }

        // Honest at most: 1.1 × 1/s × 1.8 s passive + 20 clicks/s × 1.8 s.
        var state = await saves.StateAsync(player);
        Assert.True(state.LifetimeWoolProduced.ToDouble() <= (1.1 * 1.8) + (20 * 1.8), $"The chain reached {state.LifetimeWoolProduced}.");
    }

    [Fact]
    public async Task Chained_uploads_claiming_five_minutes_of_play_time_each_are_refused_after_the_first()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        await saves.CurrentAsync(player);
        string? afterFirst = null;
        // 240 uploads 7.5 ms apart (1.8 s in all), each claiming 300 s more play time than the last accepted state.
        for (var i = 0; i < 240; i++)
        {
            saves.Clock.Advance(TimeSpan.FromMilliseconds(7.5));
            var current = await saves.CurrentAsync(player);
            var save = Played(current, 0);
            save["playTime"] = save["playTime"]!.GetValue<long>() + 300_000;

            var result = await saves.RequestAsync(Upload(player, current.Revision, save));

            if (i == 0)
            {
                Assert.NotNull(result.Accepted);
                afterFirst = await saves.SnapshotAsync(player);
                continue;
            }

            Assert.NotNull(result.Rejected);
            Assert.Contains(result.Rejected.Rules, r => r.Rule == SaveRules.PlayTimeExceedsElapsed);
        }

        // The one-off slack and the 1.8 s that passed, nothing per upload; no refused upload changed the state.
        var state = await saves.StateAsync(player);
        Assert.True(state.PlayTimeSeconds <= 1.8 + 300, $"The chain reached {state.PlayTimeSeconds} s of play time.");
        Assert.Equal(afterFirst, await saves.SnapshotAsync(player));
    }

    [Fact]
    public async Task Clicks_a_click_command_already_counted_cannot_be_uploaded_again()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        // The game worker applied a full batch of 100 clicks at 5 s (its last click), and the state was materialized then.
        var state = PlayerState.CreateNew(Key(player), saves.Clock.Now);
        Assert.True(GameEngine.V1.ApplyClicks(state, 100, saves.Clock.Now.AddSeconds(5), EffectsTimeline.Empty).Success);
        await saves.SeedAsync(player, state);
        saves.Clock.Advance(TimeSpan.FromSeconds(5.5));

        await AssertRefusedAsync(saves, player, Upload(player, 0, Played(await saves.CurrentAsync(player), 100)), SaveRules.ProductionExceedsBound);
    }

    [Fact]
    public async Task Clicks_an_accepted_upload_used_are_not_granted_again_to_a_click_command()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.NotNull((await saves.RequestAsync(Upload(player, 0, Played(current, 100)))).Accepted);

        // The game worker measures its click allowance from the state's last click, which the upload spent.
        var state = await saves.StateAsync(player);
        var batch = GameEngine.V1.ApplyClicks(state, 100, saves.Clock.Now.AddSeconds(0.5), EffectsTimeline.Empty);

        Assert.Equal(saves.Clock.Now, state.LastClickAt);
        Assert.Equal(ErrorCodes.RateLimitedAction, batch.ErrorCode);
    }

    [Fact]
    public async Task Inflated_wool_is_refused()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));

        await AssertRefusedAsync(saves, player, Upload(player, 0, Played(current, 1300)), SaveRules.ProductionExceedsBound);
    }

    [Fact]
    public async Task A_save_claiming_a_time_ahead_of_the_server_is_refused()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var skewed = Played(current, 10);
        skewed["timestamp"] = saves.Clock.Now.AddMinutes(10).ToUnixTimeMilliseconds();

        await AssertRefusedAsync(saves, player, Upload(player, 0, skewed), SaveRules.TimeAheadOfServer);
    }

    [Theory]
    [InlineData("buildings", "spaceship", SaveRules.UnknownId)]
    [InlineData("buildings", "lab", SaveRules.BuildingLocked)]
    [InlineData("buildings", "barn", SaveRules.BuildingUnaffordable)]
    [InlineData("upgrades", "time_machine_9000", SaveRules.UnknownId)]
    [InlineData("upgrades", "neural_network", SaveRules.UpgradeLocked)]
    [InlineData("upgrades", "click_power_1", SaveRules.UpgradeUnaffordable)]
    public async Task Impossible_buildings_and_upgrades_are_refused(string field, string id, string rule)
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromSeconds(2));
        var save = Played(current, 0);
        if (field == "buildings")
        {
            save["buildings"]![id] = 5;
        }
        else
        {
            save["upgrades"] = new JsonArray(id);
        }

        await AssertRefusedAsync(saves, player, Upload(player, 0, save), rule);
    }

    [Fact]
    public async Task A_replayed_save_after_a_newer_one_changes_nothing()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var fresh = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromSeconds(30));
        var first = Upload(player, 0, Played(fresh, 100));
        Assert.NotNull((await saves.RequestAsync(first)).Accepted);
        saves.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull((await saves.RequestAsync(Upload(player, 1, Played(await saves.CurrentAsync(player), 100)))).Accepted);
        var before = await saves.SnapshotAsync(player);

        // The same command again is answered from the head; the same body as a new command from its old base loses
        // the conflict; rebased onto the current revision it goes backwards.
        Assert.True((await saves.RequestAsync(first)).Accepted!.Replayed);
        var conflict = (await saves.RequestAsync(first with { CommandId = Guid.NewGuid() })).Conflict!;
        Assert.Equal(SaveSyncService.ServerCandidate, conflict.Winner);
        var rebased = (await saves.RequestAsync(first with { CommandId = Guid.NewGuid(), BaseRevision = 2 })).Rejected!;

        Assert.Equal(ErrorCodes.SaveRejected, rebased.Code);
        Assert.Contains(rebased.Rules, r => r.Rule == SaveRules.LifetimeDecreased);
        Assert.Equal(before, await saves.SnapshotAsync(player));
    }

    [Fact]
    public async Task Another_players_save_is_refused()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var other = Guid.NewGuid();
        await saves.CurrentAsync(player);
        var foreign = await saves.CurrentAsync(other);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        var save = Played(foreign, 10);
        save["playerId"] = other.ToString("D");

        await AssertRefusedAsync(saves, player, Upload(player, 0, save), SaveRules.PlayerMismatch);
    }

    /// <summary>The downloaded save turned into a prestige with no wool and no buildings, as the attacker sent it.</summary>
    private static JsonObject Forged(CurrentSave current, long prestiges, long soulShears, string lifetime)
    {
        var save = JsonNode.Parse(current.Save)!.AsObject();
        save["totalPrestiges"] = prestiges;
        save["soulShears"] = soulShears;
        save["lifetimeWoolProduced"] = lifetime;
        save["runWoolProduced"] = "0";
        foreach (var (wool, _) in save["woolCounts"]!.AsObject().ToList())
        {
            save["woolCounts"]![wool] = "0";
        }

        return save;
    }

    private static async Task AssertRefusedAsync(SavesFixture saves, Guid player, UploadSave upload, string rule)
    {
        var before = await saves.SnapshotAsync(player);

        var rejected = (await saves.RequestAsync(upload)).Rejected;

        Assert.NotNull(rejected);
        Assert.Equal(ErrorCodes.SaveRejected, rejected.Code);
        Assert.Contains(rejected.Rules, r => r.Rule == rule);
        Assert.Equal(before, await saves.SnapshotAsync(player));
        Assert.Contains(await saves.Repository.Rejections.FindAsync("playerId", player.ToString(), 100), r => r.Document.CommandId == upload.CommandId);
    }

    private static string Key(Guid player) => SaveRepository.Key(player);
}
