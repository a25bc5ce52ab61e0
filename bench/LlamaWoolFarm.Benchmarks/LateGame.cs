using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>A late-game player: every building high, every upgrade, every wool type, shears and fleece.</summary>
internal static class LateGame
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static PlayerState Create()
    {
        var engine = GameEngine.V1;
        var state = PlayerState.CreateNew("bench-player", Now.AddDays(-30));
        var level = 900;
        foreach (var building in engine.Catalog.Buildings)
        {
            state.Buildings[building.Id] = level;
            level -= 80;
        }

        foreach (var wool in engine.Catalog.WoolTypes)
        {
            state.WoolCounts[wool.Id] = BigNumber.Parse("3.2e45");
            if (!state.UnlockedWoolTypes.Contains(wool.Id))
            {
                state.UnlockedWoolTypes.Add(wool.Id);
            }
        }

        state.Upgrades.AddRange(engine.Catalog.Upgrades.Select(u => u.Id));
        state.Achievements.AddRange(engine.Catalog.Achievements.Select(a => a.Id));
        state.SoulShears = 420;
        state.TotalPrestiges = 12;
        state.GoldenFleece = 7;
        state.RunWoolProduced = BigNumber.Parse("5e46");
        state.LifetimeWoolProduced = BigNumber.Parse("8e47");
        state.PlayTimeSeconds = 2_000_000;
        state.LastMaterializedAt = Now.AddHours(-1);
        state.LastActiveAt = Now.AddHours(-1);
        state.LastClickAt = Now.AddHours(-1);
        return state;
    }
}
