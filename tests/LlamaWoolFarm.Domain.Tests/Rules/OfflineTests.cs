using LlamaWoolFarm.Domain.Rules;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Rules;

public class OfflineTests
{
    private const double Hour = 3600;
    private const double Grace = 120;

    // The online grace produces the first wool, so first_wool (×1.02) is already unlocked at departure.
    private const double FirstWool = 1.02;

    [Fact]
    public void The_first_120_seconds_after_activity_are_online_and_the_rest_is_offline_at_80_percent()
    {
        var state = NewPlayer();
        var result = Engine.GetOfflineProgress(state, T0.AddSeconds(Grace + (10 * Hour)), EffectsTimeline.Empty);
        Assert.True(result.Success);
        Close(Grace, result.Accrued["basic"]);
        var offline = result.Offline!;
        Assert.Equal(10 * Hour, offline.OfflineSeconds, 6);
        Assert.Equal(10 * Hour, offline.CappedSeconds, 6);
        Assert.Equal(0.8, offline.Efficiency, 12);
        Assert.False(offline.BonusApplied);
        Close(0.8 * 10 * Hour * FirstWool, offline.WoolEarned["basic"]);
    }

    [Fact]
    public void Getting_offline_progress_changes_nothing()
    {
        var state = NewPlayer();
        var before = System.Text.Json.JsonSerializer.Serialize(state, LlamaWoolFarm.Domain.Saves.SaveJson.Options);
        Engine.GetOfflineProgress(state, T0.AddHours(5), EffectsTimeline.Empty);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(state, LlamaWoolFarm.Domain.Saves.SaveJson.Options));
    }

    [Fact]
    public void Offline_time_is_capped_at_24_hours_and_twelve_hours_away_earn_ten_percent_more()
    {
        var state = NewPlayer();
        var offline = Engine.GetOfflineProgress(state, T0.AddSeconds(Grace + (30 * Hour)), EffectsTimeline.Empty).Offline!;
        Assert.Equal(30 * Hour, offline.OfflineSeconds, 6);
        Assert.Equal(24 * Hour, offline.CappedSeconds, 6);
        Assert.True(offline.BonusApplied);
        Close(0.8 * 24 * Hour * 1.1 * FirstWool, offline.WoolEarned["basic"]);
    }

    [Fact]
    public void The_welcome_back_bonus_starts_at_exactly_twelve_hours()
    {
        var justUnder = Engine.GetOfflineProgress(NewPlayer(), T0.AddSeconds(Grace + (12 * Hour) - 1), EffectsTimeline.Empty).Offline!;
        var exactly = Engine.GetOfflineProgress(NewPlayer(), T0.AddSeconds(Grace + (12 * Hour)), EffectsTimeline.Empty).Offline!;
        Assert.False(justUnder.BonusApplied);
        Assert.True(exactly.BonusApplied);
        Close(0.8 * 12 * Hour * 1.1 * FirstWool, exactly.WoolEarned["basic"]);
    }

    [Fact]
    public void Scheduling_upgrades_extend_the_cap_by_a_day_each_up_to_72_hours()
    {
        var state = NewPlayer().Owning("smart_scheduling");
        Assert.Equal(48 * Hour, Engine.OfflineTerms(Engine.CreateSnapshot(state), ActiveEffects.None).CapSeconds);
        state.Owning("ai_management");
        Assert.Equal(72 * Hour, Engine.OfflineTerms(Engine.CreateSnapshot(state), ActiveEffects.None).CapSeconds);
        var offline = Engine.GetOfflineProgress(state, T0.AddSeconds(Grace + (100 * Hour)), EffectsTimeline.Empty).Offline!;
        Assert.Equal(72 * Hour, offline.CappedSeconds, 6);
    }

    [Fact]
    public void Efficiency_adds_two_points_per_soul_shear_plus_upgrades_and_autumn_harvest_but_stops_at_one()
    {
        var state = NewPlayer();
        state.SoulShears = 3;
        Assert.Equal(0.86, Engine.OfflineTerms(Engine.CreateSnapshot(state), ActiveEffects.None).Efficiency, 12);
        state.Owning("neural_network");
        Assert.Equal(1.0, Engine.OfflineTerms(Engine.CreateSnapshot(state), ActiveEffects.None).Efficiency, 12);
        state.Upgrades.Clear();
        var autumn = new ActiveEffects { OfflineEfficiencyBonus = 0.2 };
        Assert.Equal(1.0, Engine.OfflineTerms(Engine.CreateSnapshot(state), autumn).Efficiency, 12);
        Assert.Equal(0.98, Engine.OfflineTerms(Engine.CreateSnapshot(NewPlayer().Owning("neural_network")), new ActiveEffects { OfflineEfficiencyBonus = -0.02 }).Efficiency, 12);
        var offline = Engine.GetOfflineProgress(state, T0.AddSeconds(Grace + Hour), EffectsTimeline.Constant(autumn)).Offline!;
        Close(1.0 * Hour * 1.3 * FirstWool, offline.WoolEarned["basic"]);
    }

    [Fact]
    public void Offline_gains_are_pending_until_claimed_and_granted_exactly_once()
    {
        var state = NewPlayer();
        var back = T0.AddSeconds(Grace + (2 * Hour));
        Engine.Materialize(state, back, EffectsTimeline.Empty);
        Engine.Materialize(state, back, EffectsTimeline.Empty);
        Close(Grace, state.Wool("basic"));
        Assert.NotNull(state.PendingOffline);

        var claim = Engine.ClaimOfflineProgress(state, back, EffectsTimeline.Empty);
        Assert.True(claim.Success);
        Close(0.8 * 2 * Hour * FirstWool, claim.Gained["basic"]);
        Close(Grace + (0.8 * 2 * Hour * FirstWool), state.Wool("basic"));
        Close(Grace + (0.8 * 2 * Hour * FirstWool), state.LifetimeWoolProduced);

        var replay = Engine.ClaimOfflineProgress(state, back, EffectsTimeline.Empty);
        Assert.Equal(ErrorCodes.NoOfflineProgress, replay.ErrorCode);
        Assert.Equal(ErrorCodes.NoOfflineProgress, Engine.GetOfflineProgress(state, back.AddSeconds(60), EffectsTimeline.Empty).ErrorCode);
        Close(Grace + (0.8 * 2 * Hour * FirstWool), state.Wool("basic"));
    }

    [Fact]
    public void Materializing_one_absence_in_many_steps_gives_the_same_grant_as_in_one()
    {
        var once = NewPlayer();
        Engine.Materialize(once, T0.AddHours(13), EffectsTimeline.Empty);
        var inSteps = NewPlayer();
        for (var minutes = 1; minutes <= 13 * 60; minutes += 7)
        {
            Engine.Materialize(inSteps, T0.AddMinutes(minutes), EffectsTimeline.Empty);
        }

        Engine.Materialize(inSteps, T0.AddHours(13), EffectsTimeline.Empty);
        Assert.Equal(once.PendingOffline!.OfflineSeconds, inSteps.PendingOffline!.OfflineSeconds, 6);
        Assert.True(once.PendingOffline.WoolEarned["basic"].AlmostEquals(inSteps.PendingOffline.WoolEarned["basic"]));
        Assert.True(inSteps.PendingOffline.BonusApplied);
    }

    [Fact]
    public void A_device_clock_cannot_matter_and_a_server_clock_going_back_grants_nothing_more()
    {
        var state = NewPlayer();
        var back = T0.AddHours(5);
        Engine.ClaimOfflineProgress(state, back, EffectsTimeline.Empty);
        var wool = state.Wool("basic");
        Assert.Equal(ErrorCodes.NoOfflineProgress, Engine.ClaimOfflineProgress(state, T0.AddHours(4), EffectsTimeline.Empty).ErrorCode);
        Assert.Equal(wool, state.Wool("basic"));
    }

    [Fact]
    public void An_unclaimed_grant_is_applied_once_when_a_new_absence_begins()
    {
        var state = NewPlayer();
        Engine.Materialize(state, T0.AddHours(2), EffectsTimeline.Empty);
        var firstGrant = state.PendingOffline!.WoolEarned["basic"];
        Engine.ApplyClicks(state, 1, T0.AddHours(2), EffectsTimeline.Empty);
        var result = Engine.Materialize(state, T0.AddHours(4), EffectsTimeline.Empty);
        Assert.NotNull(result.AutoGrantedOffline);
        Assert.Equal(firstGrant, result.Gained["basic"]);
        Assert.NotEqual(result.AutoGrantedOffline!.AbsenceId, state.PendingOffline!.AbsenceId);
        Assert.Equal(result.AutoGrantedOffline.AbsenceId, state.LastGrantedAbsenceId);
    }

    [Fact]
    public void Offline_gains_use_every_unlocked_wool_rate_at_departure()
    {
        var state = NewPlayer().With("barn", 10).Unlocked("silver");
        var offline = Engine.GetOfflineProgress(state, T0.AddSeconds(Grace + Hour), EffectsTimeline.Empty).Offline!;
        // 120 s online make 1200 wool: first_wool, wool_collector, first_building and industrialist are unlocked.
        var achievements = Math.Pow(1.02, 4);
        Close(6 * Hour * 0.8 * achievements, offline.WoolEarned["basic"]);
        Close(5 * 0.8 * Hour * 0.8 * achievements, offline.WoolEarned["silver"]);
    }
}
