using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Numbers;
using static LlamaWoolFarm.Workers.Game.Tests.SubmitClicksTests;

namespace LlamaWoolFarm.Workers.Game.Tests;

public sealed class PurchaseTests
{
    [Fact]
    public async Task Buying_buildings_spends_the_geometric_price_once_even_when_redelivered()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.WoolCounts["basic"] = BigNumber.FromDouble(1000));
        var command = new PurchaseBuilding(Guid.NewGuid(), player, "barn", 5, "req-1");

        await game.SendAsync(command);
        await game.SendAsync(command);

        // 10 × (1.15^5 − 1) / 0.15 = 67.4238...
        var price = 10 * (Math.Pow(1.15, 5) - 1) / 0.15;
        var applied = game.Applied();
        Assert.Equal(2, applied.Count);
        Assert.All(applied, a => Assert.Equal(-price, Number(a.Changes["basic"]), 9));
        Assert.All(applied, a => Assert.Equal(("purchaseBuilding", "barn", 5), (a.ActionType, a.Target, a.Quantity)));
        var state = await game.StateAsync(player);
        Assert.Equal(5, state.Buildings["barn"]);
        Assert.Equal(1, state.Revision);
        Assert.Equal(1000 - price, Number(state.WoolCounts["basic"]), 9);
        Assert.Equal(10 * Math.Pow(1.15, 5), Number(state.NextBuildingPrices["barn"]), 9);
        // The starting llama and 5 barns at 0.5 each; first_building is unlocked (×1.02).
        Assert.Equal((1 + 2.5) * 1.02, Number(state.RatesPerSecond["basic"]), 9);
        Assert.Contains("first_building", state.Achievements);
        Assert.All(game.Published<AchievementUnlocked>(), a => Assert.Equal(("first_building", command.CommandId), (a.AchievementId, a.CommandId)));
        Assert.Equal(1, Assert.Single(game.Published<ScoresChanged>().DistinctBy(s => s.Revision)).Revision);
    }

    [Theory]
    [InlineData("barn", 100, "INSUFFICIENT_RESOURCES")]
    [InlineData("castle", 1, "UNKNOWN_BUILDING")]
    [InlineData("", 1, "UNKNOWN_BUILDING")]
    [InlineData("barn", 0, "INVALID_QUANTITY")]
    [InlineData("barn", 101, "INVALID_QUANTITY")]
    [InlineData("barn", -1, "INVALID_QUANTITY")]
    [InlineData("shears", 1, "BUILDING_LOCKED")]
    public async Task A_refused_building_purchase_names_its_code_and_changes_nothing(string building, int quantity, string code)
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.WoolCounts["basic"] = BigNumber.FromDouble(500));
        var before = await game.StateAsync(player);

        await game.SendAsync(new PurchaseBuilding(Guid.NewGuid(), player, building, quantity, null));

        Assert.Equal(code, Assert.Single(game.Published<ActionRejected>()).Code);
        Assert.Empty(game.Applied());
        Assert.Empty(game.Published<ScoresChanged>());
        var after = await game.StateAsync(player);
        Assert.Equal(before.WoolCounts, after.WoolCounts);
        Assert.Equal(before.Buildings, after.Buildings);
        Assert.Equal(0, after.Revision);
    }

    [Fact]
    public async Task An_upgrade_is_bought_once_and_changes_the_click_power()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.WoolCounts["basic"] = BigNumber.FromDouble(150));
        var command = new PurchaseUpgrade(Guid.NewGuid(), player, "click_power_1", null);

        await game.SendAsync(command);
        await game.SendAsync(command);
        await game.SendAsync(new PurchaseUpgrade(Guid.NewGuid(), player, "click_power_1", null));

        Assert.Equal("-100", game.Applied()[0].Changes["basic"]);
        Assert.Equal("UPGRADE_ALREADY_OWNED", Assert.Single(game.Published<ActionRejected>()).Code);
        var state = await game.StateAsync(player);
        Assert.Equal(["click_power_1"], state.Upgrades);
        Assert.Equal("50", state.WoolCounts["basic"]);
        Assert.Equal("2", state.ClickPower);
        Assert.Equal(1, state.Revision);
    }

    [Theory]
    [InlineData("click_power_2", "INSUFFICIENT_RESOURCES")]
    [InlineData("barn_efficiency_1", "UPGRADE_LOCKED")]
    [InlineData("laser_shears", "UNKNOWN_UPGRADE")]
    public async Task A_refused_upgrade_names_its_code_and_changes_nothing(string upgrade, string code)
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s =>
        {
            s.WoolCounts["basic"] = BigNumber.FromDouble(500);
            s.Upgrades.Add("click_power_1");
        });

        await game.SendAsync(new PurchaseUpgrade(Guid.NewGuid(), player, upgrade, null));

        var rejected = Assert.Single(game.Published<ActionRejected>());
        Assert.Equal((code, "purchaseUpgrade"), (rejected.Code, rejected.ActionType));
        var state = await game.StateAsync(player);
        Assert.Equal("500", state.WoolCounts["basic"]);
        Assert.Equal(["click_power_1"], state.Upgrades);
    }
}
