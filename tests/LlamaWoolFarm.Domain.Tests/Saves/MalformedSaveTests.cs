using System.Text.Json.Nodes;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Saves;

/// <summary>Hostile saves are broken rules, never exceptions: a poison save must not crash the saves worker.</summary>
public class MalformedSaveTests
{
    [Theory]
    [InlineData("upgrades")]
    [InlineData("unlockedWoolTypes")]
    [InlineData("achievements")]
    public void A_null_in_an_id_list_is_a_broken_rule_not_a_crash(string field)
    {
        var baseState = NewPlayer();
        var node = SaveJson.ToNode(SaveConversion.ToSave(baseState));
        node[field] = new JsonArray(null, "basic");
        var migration = SaveMigrator.Migrate(node);
        Assert.True(migration.Success);

        var result = SaveValidator.V1.Validate(baseState, migration.Save!, T0.AddSeconds(10), ActiveEffects.None);

        Assert.False(result.IsValid);
        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.UnknownId && v.Subject == field);
    }

    [Fact]
    public void A_null_wool_amount_is_an_invalid_amount()
    {
        var baseState = NewPlayer();
        var node = SaveJson.ToNode(SaveConversion.ToSave(baseState));
        node["woolCounts"]!["basic"] = null;
        var save = SaveMigrator.Migrate(node).Save!;

        var result = SaveValidator.V1.Validate(baseState, save, T0.AddSeconds(10), ActiveEffects.None);

        Assert.Contains(result.Violations, v => v.RuleId == SaveRules.AmountInvalid && v.Subject == "woolCounts.basic");
    }
}
