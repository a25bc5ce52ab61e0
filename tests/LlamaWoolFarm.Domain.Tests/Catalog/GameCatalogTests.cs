using System.Text.Json;
using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Saves;

namespace LlamaWoolFarm.Domain.Tests.Catalog;

public class GameCatalogTests
{
    private readonly GameCatalog _catalog = GameCatalog.V1;

    [Fact]
    public void Version_one_holds_every_table_of_the_rules()
    {
        Assert.Equal(1, _catalog.RulesVersion);
        Assert.Equal(["basic", "silver", "golden", "rainbow", "cosmic", "ethereal", "temporal", "dimensional", "celestial", "quantum"], _catalog.WoolTypes.Select(w => w.Id));
        Assert.Equal(["barn", "shears", "transport", "factory", "lab", "portal", "timeMachine", "dimensionGate"], _catalog.Buildings.Select(b => b.Id));
        Assert.Equal(14, _catalog.Upgrades.Count);
        Assert.Equal(16, _catalog.Achievements.Count);
        Assert.Equal(["double_wool", "prestige_bonus", "building_sale", "autumn_harvest", "competition"], _catalog.EventTypes.Select(e => e.Id));
    }

    [Fact]
    public void Wool_types_carry_their_values_rates_and_unlock_costs()
    {
        var quantum = _catalog.FindWoolType("quantum")!;
        Assert.Equal("80061696000", quantum.BaseValue.ToString());
        Assert.Equal(0.01, quantum.ProductionRate);
        Assert.Equal("1e+21", quantum.UnlockCost.ToString());
        var ethereal = _catalog.FindWoolType("ethereal")!;
        Assert.Equal("71280", ethereal.BaseValue.ToString());
        Assert.Equal(0.15, ethereal.ProductionRate);
        Assert.Equal("10000000000", ethereal.UnlockCost.ToString());
    }

    [Fact]
    public void Buildings_carry_costs_multipliers_products_currencies_and_requirements()
    {
        var gate = _catalog.FindBuilding("dimensionGate")!;
        Assert.Equal("1000000000000", gate.BaseCost.ToString());
        Assert.Equal(1.5, gate.CostMultiplier);
        Assert.Equal(25000, gate.BaseProduction);
        Assert.Equal(["celestial", "quantum"], gate.Produces);
        Assert.Equal("celestial", gate.PaidIn);
        Assert.Equal([Requirement.Building("timeMachine", 5), Requirement.Wool("dimensional", 1e4)], gate.UnlockRequirements);
        Assert.Empty(_catalog.FindBuilding("barn")!.UnlockRequirements);
    }

    [Fact]
    public void Only_prestige_category_upgrades_survive_a_prestige()
    {
        Assert.Equal(["genetic_enhancement"], _catalog.Upgrades.Where(u => u.SurvivesPrestige).Select(u => u.Id));
    }

    [Fact]
    public void The_catalog_serializes_to_camel_case_json_with_big_numbers_as_strings_and_enums_as_names()
    {
        var json = JsonSerializer.Serialize(_catalog, SaveJson.Options);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("rulesVersion").GetInt32());
        var quantum = root.GetProperty("woolTypes")[9];
        Assert.Equal("80061696000", quantum.GetProperty("baseValue").GetString());
        Assert.Equal("1e+21", quantum.GetProperty("unlockCost").GetString());
        var upgrade = root.GetProperty("upgrades")[0];
        Assert.Equal("production", upgrade.GetProperty("category").GetString());
        Assert.Equal("clickMultiplier", upgrade.GetProperty("effect").GetProperty("kind").GetString());
        Assert.Equal(120, root.GetProperty("tuning").GetProperty("onlineGraceSeconds").GetDouble());
        var back = JsonSerializer.Deserialize<GameCatalog>(json, SaveJson.Options)!;
        Assert.Equal(_catalog.WoolTypes, back.WoolTypes);
        Assert.Equal(_catalog.Tuning, back.Tuning);
    }
}
