using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Tests;

internal static class TestWorld
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static GameEngine Engine => GameEngine.V1;

    public static PlayerState NewPlayer() => PlayerState.CreateNew("player-1", T0);

    public static PlayerState With(this PlayerState state, string buildingId, int level)
    {
        state.Buildings[buildingId] = level;
        return state;
    }

    public static PlayerState WithWool(this PlayerState state, string woolId, double amount)
    {
        state.WoolCounts[woolId] = BigNumber.FromDouble(amount);
        if (!state.UnlockedWoolTypes.Contains(woolId))
        {
            state.UnlockedWoolTypes.Add(woolId);
        }

        return state;
    }

    public static PlayerState Unlocked(this PlayerState state, params string[] woolIds)
    {
        foreach (var id in woolIds)
        {
            if (!state.UnlockedWoolTypes.Contains(id))
            {
                state.UnlockedWoolTypes.Add(id);
            }
        }

        return state;
    }

    public static PlayerState Owning(this PlayerState state, params string[] upgradeIds)
    {
        state.Upgrades.AddRange(upgradeIds);
        return state;
    }

    public static double Rate(this PlayerState state, string woolId, ActiveEffects? effects = null) =>
        Engine.ComputeRates(state, effects ?? ActiveEffects.None)[woolId].ToDouble();

    public static double Wool(this PlayerState state, string woolId) => state.GetWool(woolId).ToDouble();

    public static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= (Math.Abs(expected) * 1e-10) + 1e-12, $"Expected {expected}, got {actual}.");

    public static void Close(double expected, BigNumber actual) => Close(expected, actual.ToDouble());
}
