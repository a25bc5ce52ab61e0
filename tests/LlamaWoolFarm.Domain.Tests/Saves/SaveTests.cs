using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Saves;

public class SaveTests
{
    private readonly SaveValidator _validator = SaveValidator.V1;

    [Fact]
    public void A_090_save_is_migrated_to_100_with_last_save_time_taken_from_timestamp()
    {
        var old = JsonNode.Parse("""{"version":"0.9.0","timestamp":1700000000000,"woolCounts":{"basic":"150","silver":"20"},"buildings":{"barn":3}}""")!.AsObject();
        var result = SaveMigrator.Migrate(old);
        Assert.True(result.Success);
        Assert.Equal("0.9.0", result.FromVersion);
        Assert.Equal(["0.9.0->1.0.0"], result.StepsApplied);
        var save = result.Save!;
        Assert.Equal("1.0.0", save.SchemaVersion);
        Assert.Equal(1700000000000, save.LastSaveTime);
        Assert.Equal("170", save.RunWoolProduced);
        Assert.Equal("170", save.LifetimeWoolProduced);
        Assert.Equal(3, save.Buildings["barn"]);
    }

    [Theory]
    [InlineData("""{"schemaVersion":"2.0.0"}""")]
    [InlineData("""{"version":"0.8.0"}""")]
    [InlineData("""{"timestamp":1}""")]
    public void Unknown_schema_versions_are_refused(string json)
    {
        var result = SaveMigrator.Migrate(JsonNode.Parse(json)!.AsObject());
        Assert.False(result.Success);
        Assert.Equal(ErrorCodes.UnsupportedSaveVersion, result.ErrorCode);
    }

    [Fact]
    public void The_checksum_is_sha256_hex_of_the_canonical_json_without_the_checksum_field()
    {
        var save = JsonNode.Parse("""{"b":1,"a":"1e+21","checksum":"abc123","n":{"z":true,"y":null,"B":[2,1]}}""")!.AsObject();
        const string Canonical = """{"a":"1e+21","b":1,"n":{"B":[2,1],"y":null,"z":true}}""";
        Assert.Equal(Canonical, Encoding.UTF8.GetString(SaveChecksum.CanonicalJson(save)));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)));
        Assert.Equal(expected, SaveChecksum.Compute(save));

        var reordered = JsonNode.Parse("""{"n":{"B":[2,1],"z":true,"y":null},"a":"1e+21","b":1}""")!.AsObject();
        Assert.Equal(expected, SaveChecksum.Compute(reordered));
        Assert.True(SaveChecksum.Verify(save, expected.ToUpperInvariant()));
        Assert.True(SaveChecksum.Verify(save, null));
        save["b"] = 2;
        Assert.False(SaveChecksum.Verify(save, expected));
    }

    [Fact]
    public void Production_is_bounded_by_ten_percent_over_the_save_rates_plus_twenty_clicks_a_second()
    {
        var baseState = NewPlayer();
        var now = T0.AddSeconds(100);
        // allowance = 1.1 × 1/s × 100 s + 20 clicks/s × 100 s since the base's last click × click power 1
        var atLimit = Save(basic: "2110");
        Assert.True(_validator.Validate(baseState, atLimit, now, ActiveEffects.None).IsValid);
        var over = _validator.Validate(baseState, Save(basic: "2111"), now, ActiveEffects.None);
        Assert.Contains(over.Violations, v => v.RuleId == SaveRules.ProductionExceedsBound && v.Subject == "basic");
        Assert.Contains(over.Violations, v => v.RuleId == SaveRules.RunExceedsBound);
        Assert.Contains(over.Violations, v => v.RuleId == SaveRules.LifetimeExceedsBound);
        Assert.Null(over.Accepted);
    }

    [Fact]
    public void What_added_levels_cost_counts_as_produced_wool()
    {
        var baseState = NewPlayer();
        var now = T0.AddSeconds(100);
        var save = Save(basic: "2160");
        save.Buildings["barn"] = 1;
        var result = _validator.Validate(baseState, save, now, ActiveEffects.None);
        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.ProductionExceedsBound);
        var bound = result.Bounds.Single(b => b.WoolId == "basic");
        Close(2160 + 10, bound.Produced);
        Close((1.1 * 1.5 * 100) + (20 * 100 * 1), bound.Allowance);
    }

    [Fact]
    public void An_honest_engine_save_is_accepted_and_converts_back_to_the_same_amounts()
    {
        var state = NewPlayer();
        var baseState = state.Clone();
        Engine.ApplyClicks(state, 20, T0.AddSeconds(1), EffectsTimeline.Empty);
        state.WithWool("basic", 0);
        Engine.Materialize(state, T0.AddHours(30), EffectsTimeline.Empty);
        Engine.ClaimOfflineProgress(state, T0.AddHours(30), EffectsTimeline.Empty);
        var save = SaveConversion.ToSave(state);
        save.WoolCounts["basic"] = state.GetWool("basic").ToString();
        var result = _validator.Validate(baseState, save, T0.AddHours(30), ActiveEffects.None);
        Assert.True(result.IsValid, string.Join("; ", result.Violations));
        // A save shows 15 significant digits (BigNumber.SignificantDigits): the amounts come back as the save wrote
        // them, within half a unit of the 15th digit, and write the same save text again.
        Assert.True(state.GetWool("basic").AlmostEquals(result.Accepted!.GetWool("basic"), 1e-14));
        Assert.True(state.LifetimeWoolProduced.AlmostEquals(result.Accepted.LifetimeWoolProduced, 1e-14));
        Assert.Equal(save.WoolCounts["basic"], SaveConversion.ToSave(result.Accepted).WoolCounts["basic"]);
        Assert.Equal(save.LifetimeWoolProduced, SaveConversion.ToSave(result.Accepted).LifetimeWoolProduced);
        Assert.Null(result.Accepted.PendingOffline);
    }

    [Fact]
    public void Every_broken_rule_is_named()
    {
        var baseState = NewPlayer().With("barn", 20).Owning("click_power_1");
        baseState.SoulShears = 1;
        baseState.TotalPrestiges = 1;
        var now = T0.AddSeconds(60);
        var save = SaveConversion.ToSave(baseState);
        save.WoolCounts["unobtainium"] = "5";
        save.WoolCounts["silver"] = "-5";
        save.WoolCounts["golden"] = "NaN";
        save.Buildings["barn"] = 10;
        save.Buildings["shears"] = 101;
        save.Buildings["lab"] = 1;
        save.Upgrades = ["time_machine_9000", "neural_network"];
        save.Achievements = ["quantum_master"];
        save.UnlockedWoolTypes = ["basic", "cosmic"];
        save.SoulShears = 2;
        save.GoldenFleece = 3;
        save.Timestamp = now.AddSeconds(301).ToUnixTimeMilliseconds();
        save.LastSaveTime = now.AddSeconds(299).ToUnixTimeMilliseconds();
        save.PlayTime = 3_600_000;
        save.PlayerId = "someone-else";

        var rules = _validator.Validate(baseState, save, now, ActiveEffects.None).Violations.Select(v => (v.RuleId, v.Subject)).ToList();

        Assert.Contains((SaveRules.UnknownId, "woolCounts.unobtainium"), rules);
        Assert.Contains((SaveRules.UnknownId, "upgrades.time_machine_9000"), rules);
        Assert.Contains((SaveRules.AmountNegative, "woolCounts.silver"), rules);
        Assert.Contains((SaveRules.AmountInvalid, "woolCounts.golden"), rules);
        Assert.Contains((SaveRules.BuildingLevelDecreased, "barn"), rules);
        Assert.Contains((SaveRules.BuildingTooManyLevels, "shears"), rules);
        Assert.Contains((SaveRules.BuildingLocked, "lab"), rules);
        Assert.Contains((SaveRules.UpgradeRemoved, "click_power_1"), rules);
        Assert.Contains((SaveRules.UpgradeLocked, "neural_network"), rules);
        Assert.Contains((SaveRules.AchievementConditionNotMet, "quantum_master"), rules);
        Assert.Contains((SaveRules.WoolUnlockNotReached, "cosmic"), rules);
        Assert.Contains((SaveRules.PrestigeIllegal, "totalPrestiges"), rules);
        Assert.Contains((SaveRules.GoldenFleeceIncreased, "goldenFleece"), rules);
        Assert.Contains((SaveRules.TimeAheadOfServer, "timestamp"), rules);
        Assert.DoesNotContain((SaveRules.TimeAheadOfServer, "lastSaveTime"), rules);
        Assert.Contains((SaveRules.PlayTimeExceedsElapsed, "playTime"), rules);
        Assert.Contains((SaveRules.PlayerMismatch, "playerId"), rules);
    }

    [Fact]
    public void A_legal_prestige_in_the_upload_is_accepted_and_an_inflated_gain_is_not()
    {
        var state = NewPlayer();
        state.RunWoolProduced = BigNumber.Parse("1e8");
        state.LifetimeWoolProduced = BigNumber.Parse("1e8");
        var baseState = state.Clone();
        Assert.True(Engine.Prestige(state, T0.AddSeconds(10), EffectsTimeline.Empty).Success);
        Engine.Materialize(state, T0.AddSeconds(20), EffectsTimeline.Empty);
        var save = SaveConversion.ToSave(state);
        var result = _validator.Validate(baseState, save, T0.AddSeconds(20), ActiveEffects.None);
        Assert.True(result.IsValid, string.Join("; ", result.Violations));

        save.SoulShears = 3;
        Assert.Contains(_validator.Validate(baseState, save, T0.AddSeconds(20), ActiveEffects.None).Violations, v => v.RuleId == SaveRules.PrestigeIllegal);
        save.SoulShears = 4;
        Assert.True(_validator.Validate(baseState, save, T0.AddSeconds(20), new ActiveEffects { PrestigeMultiplier = 2 }).IsValid);
    }

    [Fact]
    public void A_conflict_is_won_by_lifetime_wool_then_prestiges_then_the_later_receipt()
    {
        var a = new SaveCandidate("a", BigNumber.Parse("1e10"), 1, T0);
        var b = new SaveCandidate("b", BigNumber.Parse("2e10"), 0, T0.AddSeconds(-5));
        Assert.Equal("b", SaveConflictResolver.Resolve(a, b).Winner.Id);
        Assert.Equal("a", SaveConflictResolver.Resolve(a, b).Backup.Id);
        var c = new SaveCandidate("c", BigNumber.Parse("1e10"), 2, T0.AddSeconds(-5));
        Assert.Equal("c", SaveConflictResolver.Resolve(a, c).Winner.Id);
        Assert.Equal(SaveConflictResolver.ByTotalPrestiges, SaveConflictResolver.Resolve(a, c).DecidedBy);
        var d = new SaveCandidate("d", BigNumber.Parse("1e10"), 1, T0.AddSeconds(5));
        Assert.Equal("d", SaveConflictResolver.Resolve(d, a).Winner.Id);
        Assert.Equal(SaveConflictResolver.ByReceipt, SaveConflictResolver.Resolve(d, a).DecidedBy);
    }

    [Fact]
    public void Player_state_round_trips_through_web_json()
    {
        var state = NewPlayer().With("barn", 3).WithWool("basic", 1e300).Owning("click_power_1");
        Engine.Materialize(state, T0.AddHours(2), EffectsTimeline.Empty);
        var json = System.Text.Json.JsonSerializer.Serialize(state, SaveJson.Options);
        Assert.Contains("\"woolCounts\":{\"basic\":\"1e+300\"", json, StringComparison.Ordinal);
        var back = System.Text.Json.JsonSerializer.Deserialize<LlamaWoolFarm.Domain.State.PlayerState>(json, SaveJson.Options)!;
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, SaveJson.Options));
    }

    private static GameSave Save(string basic) => new()
    {
        PlayerId = "player-1",
        WoolCounts = { ["basic"] = basic },
        UnlockedWoolTypes = ["basic"],
        RunWoolProduced = basic,
        LifetimeWoolProduced = basic,
        Timestamp = T0.ToUnixTimeMilliseconds(),
        LastSaveTime = T0.ToUnixTimeMilliseconds(),
    };
}
