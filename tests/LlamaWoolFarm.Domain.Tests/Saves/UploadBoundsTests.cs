using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Saves;

/// <summary>The upload bounds of issue 16: what the server's last accepted state could really have reached.</summary>
public class UploadBoundsTests
{
    private readonly SaveValidator _validator = SaveValidator.V1;

    [Fact]
    public void A_prestige_forged_two_seconds_after_one_click_is_refused()
    {
        var baseState = NewPlayer();
        Assert.True(Engine.ApplyClicks(baseState, 1, T0.AddSeconds(0.1), EffectsTimeline.Empty).Success);
        var save = SaveConversion.ToSave(baseState);
        save.WoolCounts["basic"] = "0";
        save.RunWoolProduced = "0";
        save.TotalPrestiges = 1;
        save.SoulShears = 1;
        save.LifetimeWoolProduced = "10000006.13";

        var result = _validator.Validate(baseState, save, T0.AddSeconds(2.1), ActiveEffects.None);

        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.RunExceedsBound && v.Subject == "runWoolProduced");
        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.LifetimeExceedsBound);
        Assert.Null(result.Accepted);
    }

    [Fact]
    public void An_honest_prestige_whose_run_crossed_the_threshold_inside_the_window_is_accepted()
    {
        var state = NewPlayer().With("barn", 100).With("shears", 50).Unlocked("silver").Owning("click_power_1");
        state.RunWoolProduced = BigNumber.FromDouble(9.96e6);
        state.LifetimeWoolProduced = BigNumber.FromDouble(9.96e6);
        var baseState = state.Clone();
        // Online the whole time (a heartbeat every 100 s), then a prestige once the run reaches 1e7 (one Soul Shear), then more play.
        Engine.Heartbeat(state, T0.AddSeconds(100), EffectsTimeline.Empty);
        Assert.True(state.RunWoolProduced < BigNumber.FromDouble(1e7));
        Engine.Heartbeat(state, T0.AddSeconds(200), EffectsTimeline.Empty);
        Assert.True(Engine.Prestige(state, T0.AddSeconds(250), EffectsTimeline.Empty).Success);
        Engine.Materialize(state, T0.AddSeconds(300), EffectsTimeline.Empty);
        var save = SaveConversion.ToSave(state);

        var result = _validator.Validate(baseState, save, T0.AddSeconds(300), ActiveEffects.None);

        Assert.True(result.IsValid, string.Join("; ", result.Violations));
        Assert.Equal(1, result.Accepted!.SoulShears);
    }

    [Fact]
    public void A_prestige_claiming_more_run_than_the_window_could_produce_is_refused_even_with_a_legal_gain()
    {
        var baseState = NewPlayer().With("barn", 100).With("shears", 50).Unlocked("silver");
        baseState.RunWoolProduced = BigNumber.FromDouble(9.96e6);
        baseState.LifetimeWoolProduced = BigNumber.FromDouble(9.96e6);
        // About 270 wool/s: 10 s cannot take the run from 9.96e6 to 1e7.
        var save = SaveConversion.ToSave(baseState);
        save.TotalPrestiges = 1;
        save.SoulShears = 1;
        save.Buildings = [];
        save.WoolCounts = new() { ["basic"] = "0" };
        save.UnlockedWoolTypes = ["basic"];
        save.RunWoolProduced = "0";
        save.LifetimeWoolProduced = "10000000";

        var result = _validator.Validate(baseState, save, T0.AddSeconds(10), ActiveEffects.None);

        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.RunExceedsBound);
    }

    [Fact]
    public void After_an_accepted_upload_the_click_look_back_is_not_granted_again()
    {
        // The state an accepted upload leaves: materialized and clicked at the upload's server time.
        var accepted = NewPlayer();
        var save = SaveConversion.ToSave(accepted);
        save.WoolCounts["basic"] = "90";
        save.RunWoolProduced = "90";
        save.LifetimeWoolProduced = "90";

        var result = _validator.Validate(accepted, save, T0.AddSeconds(0.01), ActiveEffects.None);

        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.ProductionExceedsBound && v.Subject == "basic");
        Close((1.1 * 0.01) + (20 * 0.01), result.Bounds.Single(b => b.WoolId == "basic").Allowance);
    }

    [Fact]
    public void Clicks_a_click_command_already_applied_are_not_allowed_again_in_an_upload()
    {
        var state = NewPlayer();
        Assert.True(Engine.ApplyClicks(state, 100, T0.AddSeconds(5), EffectsTimeline.Empty).Success);
        var save = SaveConversion.ToSave(state);
        save.WoolCounts["basic"] = "200";
        save.RunWoolProduced = "205";
        save.LifetimeWoolProduced = "205";

        var result = _validator.Validate(state, save, T0.AddSeconds(5.5), ActiveEffects.None);

        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.ProductionExceedsBound && v.Subject == "basic");
    }

    [Fact]
    public void Clicks_before_the_base_that_were_never_sent_are_allowed_up_to_the_look_back()
    {
        // Last click batch at 0, a purchase materialized the state at 10: clicks of 5..10 may still be unsent.
        var state = NewPlayer().WithWool("basic", 20);
        Assert.True(Engine.PurchaseBuilding(state, "barn", 1, T0.AddSeconds(10), EffectsTimeline.Empty).Success);
        var window = UploadWindow.Of(state, T0.AddSeconds(11));

        Close(1, window.AccrualSeconds);
        Close(6, window.ClickSeconds);
    }

    [Fact]
    public void Buildings_more_than_the_window_could_pay_for_are_refused()
    {
        var baseState = NewPlayer();
        var save = SaveConversion.ToSave(baseState);
        save.Buildings["barn"] = 5;

        var result = _validator.Validate(baseState, save, T0.AddSeconds(2), ActiveEffects.None);

        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.BuildingUnaffordable && v.Subject == "barn");
        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.ProductionExceedsBound && v.Subject == "basic");
    }

    [Fact]
    public void An_upgrade_the_window_could_not_pay_for_is_refused()
    {
        var baseState = NewPlayer();
        var save = SaveConversion.ToSave(baseState);
        save.Upgrades = ["click_power_1"];

        var result = _validator.Validate(baseState, save, T0.AddSeconds(2), ActiveEffects.None);

        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.UpgradeUnaffordable && v.Subject == "click_power_1");
    }

    [Theory]
    [InlineData("N")]
    [InlineData("D")]
    [InlineData("B")]
    [InlineData("P")]
    public void The_save_may_name_its_player_in_any_canonical_guid_form_and_case(string format)
    {
        var id = Guid.NewGuid();
        var baseState = PlayerState.CreateNew(id.ToString("N"), T0);
        var save = SaveConversion.ToSave(baseState);

        save.PlayerId = id.ToString(format);
        Assert.True(_validator.Validate(baseState, save, T0.AddSeconds(1), ActiveEffects.None).IsValid);
        save.PlayerId = id.ToString(format).ToUpperInvariant();
        Assert.True(_validator.Validate(baseState, save, T0.AddSeconds(1), ActiveEffects.None).IsValid);
        save.PlayerId = Guid.NewGuid().ToString(format);
        Assert.Contains(_validator.Validate(baseState, save, T0.AddSeconds(1), ActiveEffects.None).Violations, v => v.RuleId == SaveRules.PlayerMismatch);
    }

    [Fact]
    public void A_late_game_upload_buying_ten_levels_of_every_building_after_an_hour_away_is_accepted()
    {
        // Like the benchmark's late-game player (every building high, every upgrade, wool type and achievement), with
        // the stock to pay for ten more levels of each.
        var baseState = PlayerState.CreateNew("late", T0.AddDays(-30));
        var level = 900;
        foreach (var building in Engine.Catalog.Buildings)
        {
            baseState.Buildings[building.Id] = level;
            level -= 80;
        }

        foreach (var wool in Engine.Catalog.WoolTypes)
        {
            baseState.WithWool(wool.Id, 1e100);
        }

        baseState.Upgrades.AddRange(Engine.Catalog.Upgrades.Select(u => u.Id));
        baseState.Achievements.AddRange(Engine.Catalog.Achievements.Select(a => a.Id));
        (baseState.SoulShears, baseState.TotalPrestiges, baseState.GoldenFleece) = (420, 12, 7);
        (baseState.RunWoolProduced, baseState.LifetimeWoolProduced) = (BigNumber.Parse("1e101"), BigNumber.Parse("1e102"));
        baseState.LastMaterializedAt = baseState.LastActiveAt = baseState.LastClickAt = T0.AddHours(-1);
        var played = baseState.Clone();
        Engine.Materialize(played, T0, EffectsTimeline.Empty);
        Engine.ClaimOfflineProgress(played, T0, EffectsTimeline.Empty);
        foreach (var building in Engine.Catalog.Buildings)
        {
            Assert.True(Engine.PurchaseBuilding(played, building.Id, 10, T0, EffectsTimeline.Empty).Success, building.Id);
        }

        var result = _validator.Validate(baseState, SaveConversion.ToSave(played), T0, ActiveEffects.None);

        Assert.True(result.IsValid, string.Join("; ", result.Violations));
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 0.75)]
    public void Honest_greedy_play_with_an_offline_gap_and_events_is_accepted(double productionMultiplier, double priceMultiplier)
    {
        var effects = new ActiveEffects { ProductionMultiplier = productionMultiplier, BuildingPriceMultiplier = priceMultiplier };
        var events = EffectsTimeline.Constant(effects);
        var state = NewPlayer();
        var baseState = state.Clone();
        var now = T0;
        // 15 minutes of a bot clicking 20 a second and buying whatever it can, then 13 hours away.
        for (var second = 1; second <= 900; second++)
        {
            now = T0.AddSeconds(second);
            Assert.True(Engine.ApplyClicks(state, 20, now, events).Success);
            foreach (var building in new[] { "shears", "barn" })
            {
                while (Engine.PurchaseBuilding(state, building, 1, now, events).Success && state.GetLevel(building) < 100)
                {
                }
            }

            foreach (var upgrade in Engine.Catalog.Upgrades)
            {
                Engine.PurchaseUpgrade(state, upgrade.Id, now, events);
            }
        }

        var back = now.AddHours(13);
        Engine.Materialize(state, back, events);
        Assert.True(Engine.ClaimOfflineProgress(state, back, events).Success);
        Assert.True(state.GetLevel("barn") >= 20, $"The bot bought only {state.GetLevel("barn")} barns.");
        var save = SaveConversion.ToSave(state);

        var result = _validator.Validate(baseState, save, back, effects);

        Assert.True(result.IsValid, string.Join("; ", result.Violations));
    }
}
