using LlamaWoolFarm.Domain.Rules;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Rules;

public class ProductionTests
{
    [Fact]
    public void A_new_player_produces_one_basic_wool_per_second_from_the_starting_llama_and_nothing_else()
    {
        var state = NewPlayer();
        Close(1, state.Rate("basic"));
        Assert.All(Engine.ComputeRates(state, ActiveEffects.None).Where(r => r.Key != "basic"), r => Assert.True(r.Value.IsZero));
    }

    [Fact]
    public void Buildings_add_base_production_times_level_to_each_wool_they_produce_scaled_by_the_wool_rate()
    {
        var state = NewPlayer().With("barn", 10).With("shears", 2).Unlocked("silver", "golden");
        Close(1 + (0.5 * 10) + (2 * 2), state.Rate("basic"));
        Close(((0.5 * 10) + (2 * 2)) * 0.8, state.Rate("silver"));
        Close(2 * 2 * 0.6, state.Rate("golden"));
        Close(0, state.Rate("rainbow"));
    }

    [Fact]
    public void A_locked_wool_type_produces_nothing_even_when_buildings_make_it()
    {
        var state = NewPlayer().With("barn", 10);
        Close(0, state.Rate("silver"));
    }

    [Fact]
    public void Soul_shears_add_ten_percent_globally_and_five_percent_to_buildings_each()
    {
        var state = NewPlayer().With("barn", 10).With("shears", 2).Unlocked("silver", "golden");
        state.SoulShears = 2;
        Close((1 + (9 * 1.1)) * 1.2, state.Rate("basic"));
        Close(9 * 1.1 * 0.8 * 1.2, state.Rate("silver"));
        Close(4 * 1.1 * 0.6 * 1.2, state.Rate("golden"));
    }

    [Fact]
    public void Each_achievement_multiplies_production_by_1_02_and_each_golden_fleece_adds_one_percent()
    {
        var state = NewPlayer().With("barn", 2);
        state.Achievements.AddRange(["first_wool", "wool_collector", "first_building"]);
        state.GoldenFleece = 5;
        Close(2 * 1.02 * 1.02 * 1.02 * 1.05, state.Rate("basic"));
    }

    [Fact]
    public void Upgrades_multiply_their_targets_barn_only_all_buildings_all_production_or_golden_and_higher()
    {
        var state = NewPlayer().With("barn", 10).With("shears", 2).With("factory", 1).Unlocked("silver", "golden", "rainbow")
            .Owning("barn_efficiency_1", "workflow_optimization", "caffeine_pills", "sharp_shears", "selective_breeding");
        var global = 1.25 * 1.5;
        var barn = 0.5 * 10 * 1.5 * 1.25;
        var shears = 2 * 2 * 1.25;
        var factory = 50 * 1.25;
        Close((1 + barn + shears) * global, state.Rate("basic"));
        Close((barn + shears) * 0.8 * global, state.Rate("silver"));
        Close((shears + factory) * 0.6 * global * 2, state.Rate("golden"));
        Close(factory * 0.4 * global * 2, state.Rate("rainbow"));
    }

    [Fact]
    public void Genetic_enhancement_multiplies_by_six_and_time_dilation_by_two()
    {
        var state = NewPlayer().Owning("genetic_enhancement", "time_dilation");
        Close(12, state.Rate("basic"));
    }

    [Fact]
    public void A_double_wool_event_doubles_production_and_click_power()
    {
        var state = NewPlayer().With("barn", 4);
        var doubleWool = new ActiveEffects { ProductionMultiplier = 2 };
        Close(6, state.Rate("basic", doubleWool));
        Close(2, Engine.ClickPower(state, doubleWool));
    }

    [Fact]
    public void Click_power_is_the_click_upgrades_times_the_global_multiplier()
    {
        var state = NewPlayer();
        Close(1, Engine.ClickPower(state, ActiveEffects.None));
        state.Owning("click_power_1", "click_power_2", "sharp_shears");
        state.SoulShears = 1;
        Close(2 * 3 * 1.5 * 1.1, Engine.ClickPower(state, ActiveEffects.None));
    }

    [Fact]
    public void The_auto_clicker_adds_one_click_of_click_power_per_second_to_passive_basic_production()
    {
        var state = NewPlayer().Owning("click_power_1", "auto_clicker");
        Close(1 + 2, state.Rate("basic"));
        state.Owning("sharp_shears");
        // GAME_RULES §4 as written: the auto click (which already includes the global multiplier) is scaled again.
        Close((1 + (2 * 1.5)) * 1.5, state.Rate("basic"));
    }

    [Fact]
    public void Net_worth_sums_count_times_base_value()
    {
        var state = NewPlayer().WithWool("basic", 100).WithWool("silver", 10).WithWool("quantum", 2);
        Close((100 * 0.1) + (10 * 1) + (2 * 8.00616960e10), Engine.NetWorth(state));
    }

    [Fact]
    public void Online_time_accrues_at_the_full_rate_and_counts_into_run_lifetime_and_play_time()
    {
        var state = NewPlayer().With("barn", 2);
        var result = Engine.Materialize(state, T0.AddSeconds(100), EffectsTimeline.Empty);
        Close(200, state.Wool("basic"));
        Close(200, state.RunWoolProduced);
        Close(200, state.LifetimeWoolProduced);
        Assert.Equal(100, state.PlayTimeSeconds, 9);
        Close(200, result.Accrued["basic"]);
        Assert.Equal(T0.AddSeconds(100), state.LastMaterializedAt);
    }

    [Fact]
    public void Wool_types_unlock_when_the_run_reaches_their_unlock_cost_and_achievements_follow()
    {
        var state = NewPlayer();
        var result = Engine.Materialize(state, T0.AddSeconds(99), EffectsTimeline.Empty);
        Assert.DoesNotContain("silver", state.UnlockedWoolTypes);
        Assert.Equal(["first_wool"], result.AchievementsUnlocked);
        result = Engine.Materialize(state, T0.AddSeconds(100), EffectsTimeline.Empty);
        Assert.Contains("silver", state.UnlockedWoolTypes);
        Assert.Equal(["silver"], result.WoolTypesUnlocked);
    }

    [Fact]
    public void A_clock_that_goes_backwards_accrues_nothing_and_does_not_move_time_back()
    {
        var state = NewPlayer();
        Engine.Materialize(state, T0.AddSeconds(10), EffectsTimeline.Empty);
        Engine.Materialize(state, T0.AddSeconds(5), EffectsTimeline.Empty);
        Close(10, state.Wool("basic"));
        Assert.Equal(T0.AddSeconds(10), state.LastMaterializedAt);
    }

    [Fact]
    public void Play_time_achievements_unlock_after_an_hour_online()
    {
        var state = NewPlayer();
        for (var second = 100; second <= 3600; second += 100)
        {
            Engine.Heartbeat(state, T0.AddSeconds(second), EffectsTimeline.Empty);
        }

        Assert.Contains("dedicated_player", state.Achievements);
        Assert.DoesNotContain("committed_farmer", state.Achievements);
    }

    [Fact]
    public void Rates_from_the_hot_path_allocate_nothing()
    {
        var state = NewPlayer().With("barn", 100).Owning("sharp_shears", "selective_breeding").Unlocked("silver", "golden");
        var snapshot = Engine.CreateSnapshot(state);
        Span<double> rates = stackalloc double[Engine.WoolTypeCount];
        Engine.ComputeRates(snapshot, ActiveEffects.None, rates);
        Engine.ComputeOfflineGains(snapshot, ActiveEffects.None, 3600, rates);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Engine.ComputeRates(snapshot, ActiveEffects.None, rates);
            Engine.ComputeOfflineGains(snapshot, ActiveEffects.None, 3600, rates);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
