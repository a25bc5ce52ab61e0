using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Rules;

public class PurchaseTests
{
    [Theory]
    [InlineData("barn", 0, 10)]
    [InlineData("barn", 1, 11.5)]
    [InlineData("barn", 10, 40.455577357079067)]
    [InlineData("shears", 3, 172.8)]
    [InlineData("transport", 2, 1562.5)]
    [InlineData("factory", 1, 32500)]
    [InlineData("lab", 2, 911250)]
    [InlineData("portal", 1, 1.4e7)]
    [InlineData("timeMachine", 1, 1.45e9)]
    [InlineData("dimensionGate", 2, 2.25e12)]
    public void The_next_unit_costs_base_cost_times_multiplier_to_the_level(string building, int level, double expected)
    {
        var state = NewPlayer().With(building, level);
        Close(expected, Engine.NextBuildingPrice(state, building, ActiveEffects.None)!.Value);
    }

    [Fact]
    public void Bulk_purchases_cost_the_geometric_sum()
    {
        var state = NewPlayer();
        Close(10 * (Math.Pow(1.15, 10) - 1) / 0.15, Engine.BuildingPrice(state, "barn", 10, ActiveEffects.None)!.Value);
        Close(203.03718238, Math.Round(Engine.BuildingPrice(state, "barn", 10, ActiveEffects.None)!.Value.ToDouble(), 8));
        state.With("shears", 5);
        Close(100 * Math.Pow(1.2, 5) * (Math.Pow(1.2, 100) - 1) / 0.2, Engine.BuildingPrice(state, "shears", 100, ActiveEffects.None)!.Value);
    }

    [Fact]
    public void Better_tools_and_a_building_sale_cut_prices_to_ninety_and_seventy_five_percent()
    {
        var state = NewPlayer().Owning("better_tools");
        var sale = new ActiveEffects { BuildingPriceMultiplier = 0.75 };
        Close(9, Engine.NextBuildingPrice(state, "barn", ActiveEffects.None)!.Value);
        Close(6.75, Engine.NextBuildingPrice(state, "barn", sale)!.Value);
        Close(7.5, Engine.NextBuildingPrice(NewPlayer(), "barn", sale)!.Value);
    }

    [Fact]
    public void Buying_pays_in_the_building_currency_and_raises_the_level()
    {
        var state = NewPlayer().WithWool("basic", 500);
        var result = Engine.PurchaseBuilding(state, "barn", 10, T0, EffectsTimeline.Empty);
        Assert.True(result.Success);
        Assert.Equal(10, state.GetLevel("barn"));
        Close(500 - 203.0371823817165, state.Wool("basic"));
        Close(203.0371823817165, result.Spent["basic"]);
        Assert.Contains("first_building", result.AchievementsUnlocked);
        Assert.Contains("industrialist", result.AchievementsUnlocked);
    }

    [Fact]
    public void Transport_is_paid_in_silver()
    {
        var state = NewPlayer().With("shears", 3).WithWool("basic", 1e9).WithWool("silver", 1000);
        Assert.True(Engine.PurchaseBuilding(state, "transport", 1, T0, EffectsTimeline.Empty).Success);
        Close(0, state.Wool("silver"));
        Close(1e9, state.Wool("basic"));
    }

    [Fact]
    public void A_purchase_that_cannot_be_paid_in_full_is_refused_and_nothing_is_spent()
    {
        var state = NewPlayer().WithWool("basic", 203);
        var before = Snapshot(state);
        var result = Engine.PurchaseBuilding(state, "barn", 10, T0, EffectsTimeline.Empty);
        Assert.Equal(ErrorCodes.InsufficientResources, result.ErrorCode);
        Assert.Equal(before, Snapshot(state));
    }

    [Theory]
    [InlineData("castle", 1, ErrorCodes.UnknownBuilding)]
    [InlineData("barn", 0, ErrorCodes.InvalidQuantity)]
    [InlineData("barn", 101, ErrorCodes.InvalidQuantity)]
    [InlineData("barn", -5, ErrorCodes.InvalidQuantity)]
    [InlineData("shears", 1, ErrorCodes.BuildingLocked)]
    public void Bad_purchases_are_refused_with_a_stable_code_and_leave_the_state_unchanged(string building, int quantity, string code)
    {
        var state = NewPlayer().WithWool("basic", 1e12).With("barn", 4);
        var before = Snapshot(state);
        var result = Engine.PurchaseBuilding(state, building, quantity, T0.AddSeconds(30), EffectsTimeline.Empty);
        Assert.False(result.Success);
        Assert.Equal(code, result.ErrorCode);
        Assert.Equal(before, Snapshot(state));
    }

    [Fact]
    public void A_building_unlocks_when_its_level_and_stock_requirements_are_met_and_stays_unlocked()
    {
        var state = NewPlayer().With("transport", 5).WithWool("golden", 9999);
        Assert.Equal(ErrorCodes.BuildingLocked, Engine.PurchaseBuilding(state, "factory", 1, T0, EffectsTimeline.Empty).ErrorCode);
        state.WithWool("golden", 25000 + 10000);
        Assert.True(Engine.PurchaseBuilding(state, "factory", 1, T0, EffectsTimeline.Empty).Success);
        Close(10000, state.Wool("golden"));
        state.WithWool("golden", 32500);
        Assert.True(Engine.PurchaseBuilding(state, "factory", 1, T0, EffectsTimeline.Empty).Success);
    }

    [Fact]
    public void Levels_stop_at_one_thousand()
    {
        var state = NewPlayer().With("barn", 950).WithWool("basic", 1e300);
        Assert.Equal(ErrorCodes.MaxLevelReached, Engine.PurchaseBuilding(state, "barn", 51, T0, EffectsTimeline.Empty).ErrorCode);
        Assert.True(Engine.PurchaseBuilding(state, "barn", 50, T0, EffectsTimeline.Empty).Success);
        Assert.Equal(1000, state.GetLevel("barn"));
    }

    [Fact]
    public void Upgrades_are_bought_once_in_their_currency_after_their_requirements()
    {
        var state = NewPlayer().WithWool("basic", 1200);
        Assert.Equal(ErrorCodes.UpgradeLocked, Engine.PurchaseUpgrade(state, "click_power_2", T0, EffectsTimeline.Empty).ErrorCode);
        var result = Engine.PurchaseUpgrade(state, "click_power_1", T0, EffectsTimeline.Empty);
        Assert.True(result.Success);
        Close(100, result.Spent["basic"]);
        Assert.Equal(ErrorCodes.UpgradeAlreadyOwned, Engine.PurchaseUpgrade(state, "click_power_1", T0, EffectsTimeline.Empty).ErrorCode);
        Assert.True(Engine.PurchaseUpgrade(state, "click_power_2", T0, EffectsTimeline.Empty).Success);
        Close(100, state.Wool("basic"));
        Assert.Equal(ErrorCodes.UnknownUpgrade, Engine.PurchaseUpgrade(state, "cheat_mode", T0, EffectsTimeline.Empty).ErrorCode);
        Assert.Equal(ErrorCodes.InsufficientResources, Engine.PurchaseUpgrade(state, "smart_scheduling", T0, EffectsTimeline.Empty).ErrorCode);
    }

    [Fact]
    public void Genetic_enhancement_needs_ten_prestiges()
    {
        var state = NewPlayer().WithWool("rainbow", 1e6);
        state.TotalPrestiges = 9;
        Assert.Equal(ErrorCodes.UpgradeLocked, Engine.PurchaseUpgrade(state, "genetic_enhancement", T0, EffectsTimeline.Empty).ErrorCode);
        state.TotalPrestiges = 10;
        Assert.True(Engine.PurchaseUpgrade(state, "genetic_enhancement", T0, EffectsTimeline.Empty).Success);
    }

    [Fact]
    public void Clicks_yield_click_power_basic_wool_each()
    {
        var state = NewPlayer().Owning("click_power_1");
        var result = Engine.ApplyClicks(state, 20, T0.AddSeconds(1), EffectsTimeline.Empty);
        Assert.True(result.Success);
        // The second of accrual before the batch produced the first wool: first_wool makes click power 2 × 1.02.
        Close(20 * 2 * 1.02, result.Gained["basic"]);
        Close((20 * 2 * 1.02) + 1, state.Wool("basic"));
    }

    [Fact]
    public void More_than_twenty_clicks_per_elapsed_second_refuses_the_whole_batch()
    {
        var state = NewPlayer();
        var before = Snapshot(state);
        Assert.Equal(ErrorCodes.RateLimitedAction, Engine.ApplyClicks(state, 21, T0.AddSeconds(1), EffectsTimeline.Empty).ErrorCode);
        Assert.Equal(before, Snapshot(state));
        Assert.True(Engine.ApplyClicks(state, 20, T0.AddSeconds(1), EffectsTimeline.Empty).Success);
        Assert.Equal(ErrorCodes.RateLimitedAction, Engine.ApplyClicks(state, 11, T0.AddSeconds(1.5), EffectsTimeline.Empty).ErrorCode);
        Assert.True(Engine.ApplyClicks(state, 10, T0.AddSeconds(1.5), EffectsTimeline.Empty).Success);
        Assert.True(Engine.ApplyClicks(state, 100, T0.AddSeconds(60), EffectsTimeline.Empty).Success);
    }

    [Fact]
    public void Batches_applied_out_of_acceptance_order_spend_one_allowance_and_cannot_exceed_it()
    {
        var state = NewPlayer();
        Assert.True(Engine.ApplyClicks(state, 100, T0.AddSeconds(10), EffectsTimeline.Empty).Success);
        var now = T0.AddSeconds(20);

        // Accepted at +12 s, applied first; then the one accepted at +11 s: 20 fit in the second before +12 s, 21 do not.
        Assert.True(Engine.ApplyClicks(state, 20, now, EffectsTimeline.Empty, T0.AddSeconds(12)).Success);
        Assert.Equal(ErrorCodes.RateLimitedAction, Engine.ApplyClicks(state, 21, now, EffectsTimeline.Empty, T0.AddSeconds(11)).ErrorCode);
        Assert.True(Engine.ApplyClicks(state, 20, now, EffectsTimeline.Empty, T0.AddSeconds(11)).Success);
        Assert.Equal(T0.AddSeconds(12), state.LastClickAt);
        Assert.Equal(ErrorCodes.RateLimitedAction, Engine.ApplyClicks(state, 1, now, EffectsTimeline.Empty, T0.AddSeconds(12)).ErrorCode);
    }

    [Fact]
    public void An_unspent_allowance_banks_at_most_a_full_batch()
    {
        var state = NewPlayer();
        Assert.True(Engine.ApplyClicks(state, 1, T0.AddSeconds(60), EffectsTimeline.Empty).Success);

        // The minute before banked 5 s (100 clicks), one of which is spent.
        Assert.Equal(ErrorCodes.RateLimitedAction, Engine.ApplyClicks(state, 100, T0.AddSeconds(60), EffectsTimeline.Empty).ErrorCode);
        Assert.True(Engine.ApplyClicks(state, 99, T0.AddSeconds(60), EffectsTimeline.Empty).Success);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public void Click_batches_outside_one_to_one_hundred_are_invalid_quantities(int count) =>
        Assert.Equal(ErrorCodes.InvalidQuantity, Engine.ApplyClicks(NewPlayer(), count, T0.AddSeconds(60), EffectsTimeline.Empty).ErrorCode);

    private static string Snapshot(LlamaWoolFarm.Domain.State.PlayerState state) =>
        System.Text.Json.JsonSerializer.Serialize(state, SaveJson.Options);
}
