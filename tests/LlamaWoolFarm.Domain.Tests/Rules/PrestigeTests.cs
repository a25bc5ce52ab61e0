using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Rules;

public class PrestigeTests
{
    [Theory]
    [InlineData(0, "9999999", 0)]
    [InlineData(0, "1e7", 1)]
    [InlineData(0, "9.9e7", 1)]
    [InlineData(0, "1e8", 2)]
    [InlineData(0, "3e12", 6)]
    [InlineData(1, "9.99e7", 0)]
    [InlineData(1, "1e8", 2)]
    [InlineData(2, "9e9", 0)]
    [InlineData(2, "1e10", 4)]
    [InlineData(3, "1e12", 6)]
    public void The_gain_is_floor_log10_of_run_over_a_million_once_the_run_reaches_ten_to_six_plus_two_per_prestige(long prestiges, string run, long gain)
    {
        var state = NewPlayer();
        state.TotalPrestiges = prestiges;
        state.RunWoolProduced = BigNumber.Parse(run);
        Assert.Equal(gain, Engine.PrestigeGainPreview(state, ActiveEffects.None));
    }

    [Fact]
    public void A_prestige_bonus_event_doubles_the_gain()
    {
        var state = NewPlayer();
        state.RunWoolProduced = BigNumber.Parse("1e9");
        var result = Engine.Prestige(state, T0, EffectsTimeline.Constant(new ActiveEffects { PrestigeMultiplier = 2 }));
        Assert.Equal(6, result.PrestigeGain);
        Assert.Equal(6, state.SoulShears);
    }

    [Fact]
    public void Prestige_below_the_threshold_is_refused_and_changes_nothing()
    {
        var state = NewPlayer().WithWool("basic", 5e6);
        state.RunWoolProduced = BigNumber.Parse("9.9e6");
        var result = Engine.Prestige(state, T0, EffectsTimeline.Empty);
        Assert.Equal(ErrorCodes.InvalidPrestige, result.ErrorCode);
        Assert.Equal(0, state.TotalPrestiges);
        Close(5e6, state.Wool("basic"));
    }

    [Fact]
    public void Prestige_resets_the_run_and_keeps_shears_lifetime_achievements_fleece_play_time_and_prestige_upgrades()
    {
        var state = NewPlayer().With("barn", 50).With("shears", 10).WithWool("basic", 1e6).WithWool("silver", 1e4).WithWool("golden", 10)
            .Owning("click_power_1", "genetic_enhancement", "sharp_shears");
        state.RunWoolProduced = BigNumber.Parse("2e8");
        state.LifetimeWoolProduced = BigNumber.Parse("5e9");
        state.SoulShears = 3;
        state.TotalPrestiges = 1;
        state.GoldenFleece = 2;
        state.PlayTimeSeconds = 5000;
        state.Achievements.Add("wool_emperor");

        var result = Engine.Prestige(state, T0, EffectsTimeline.Empty);

        Assert.True(result.Success);
        Assert.Equal(2, result.PrestigeGain);
        Assert.Equal(5, state.SoulShears);
        Assert.Equal(2, state.TotalPrestiges);
        Assert.All(state.WoolCounts.Values, v => Assert.True(v.IsZero));
        Assert.Equal(["basic"], state.UnlockedWoolTypes);
        Assert.All(state.Buildings.Values, level => Assert.Equal(0, level));
        Assert.Equal(["genetic_enhancement"], state.Upgrades);
        Assert.True(state.RunWoolProduced.IsZero);
        Close(5e9, state.LifetimeWoolProduced);
        Assert.Equal(2, state.GoldenFleece);
        Assert.Equal(5000, state.PlayTimeSeconds);
        Assert.Contains("wool_emperor", state.Achievements);
        Assert.Contains("first_prestige", result.AchievementsUnlocked);
        Assert.Equal(ErrorCodes.BuildingLocked, Engine.PurchaseBuilding(state.WithWool("basic", 1e6), "shears", 1, T0, EffectsTimeline.Empty).ErrorCode);
        Assert.True(Engine.PurchaseBuilding(state, "barn", 1, T0, EffectsTimeline.Empty).Success);
    }

    [Fact]
    public void An_unclaimed_offline_grant_counts_into_the_run_before_a_prestige()
    {
        var state = NewPlayer().With("dimensionGate", 1).Unlocked("celestial");
        state.RunWoolProduced = BigNumber.Parse("9e6");
        Engine.Materialize(state, T0.AddHours(1), EffectsTimeline.Empty);
        var result = Engine.Prestige(state, T0.AddHours(1), EffectsTimeline.Empty);
        Assert.True(result.Success);
        Assert.NotNull(result.AutoGrantedOffline);
        Assert.Null(state.PendingOffline);
    }
}
