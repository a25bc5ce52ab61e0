using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Workers.Game.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

public sealed class ConfigAndEffectsTests
{
    [Fact]
    public async Task The_config_is_the_catalog_the_worker_plays_by()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var client = game.Harness.GetRequestClient<GetGameConfig>();

        var config = (await client.GetResponse<GameConfig>(new GetGameConfig(null))).Message;

        Assert.Equal(1, config.RulesVersion);
        using var json = JsonDocument.Parse(config.CatalogJson);
        var root = json.RootElement;
        Assert.Equal("basic", root.GetProperty("baseWoolType").GetString());
        Assert.Equal(10, root.GetProperty("woolTypes").GetArrayLength());
        Assert.Equal(8, root.GetProperty("buildings").GetArrayLength());
        Assert.Equal(14, root.GetProperty("upgrades").GetArrayLength());
        Assert.Equal(16, root.GetProperty("achievements").GetArrayLength());
        var barn = root.GetProperty("buildings")[0];
        Assert.Equal(("barn", "10", 1.15), (barn.GetProperty("id").GetString(), barn.GetProperty("baseCost").GetString(), barn.GetProperty("costMultiplier").GetDouble()));
        Assert.Equal("1e+21", root.GetProperty("woolTypes")[9].GetProperty("unlockCost").GetString());
        Assert.Equal(20, root.GetProperty("tuning").GetProperty("maxClicksPerSecond").GetInt32());
    }

    [Fact]
    public async Task Every_rule_call_uses_the_active_events()
    {
        var effects = new ActiveEffects { ProductionMultiplier = 2, BuildingPriceMultiplier = 0.75 };
        await using var game = await GameWorkerFixture.StartAsync(s => s.AddSingleton<IActiveEffectsProvider>(new FixedEffects(effects)));
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.WoolCounts["basic"] = BigNumber.FromDouble(100));

        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 10, null));
        await game.SendAsync(new PurchaseBuilding(Guid.NewGuid(), player, "barn", 1, null));

        // Clicks: power 1 × event 2. Barn: 10 × 0.75. The view shows the rates and prices with the events applied.
        var applied = game.Applied();
        Assert.Equal("20", applied[0].Changes["basic"]);
        Assert.Equal("-7.5", applied[1].Changes["basic"]);
        var state = await game.StateAsync(player);
        Assert.Equal(10 * 1.15 * 0.75, SubmitClicksTests.Number(state.NextBuildingPrices["barn"]), 9);
        // Starting llama 1 + one barn 0.5, × event 2 × two achievements (first_wool, first_building) 1.02².
        Assert.Equal(1.5 * 2 * 1.02 * 1.02, SubmitClicksTests.Number(state.RatesPerSecond["basic"]), 9);
    }

    private sealed class FixedEffects(ActiveEffects effects) : IActiveEffectsProvider
    {
        public ValueTask<EffectsTimeline> GetTimelineAsync(Guid playerId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
            ValueTask.FromResult(EffectsTimeline.Constant(effects));
    }
}
