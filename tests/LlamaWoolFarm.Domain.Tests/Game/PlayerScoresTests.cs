using LlamaWoolFarm.Domain.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Game;

public class PlayerScoresTests
{
    [Fact]
    public void A_new_farm_scores_zero_but_its_base_rate()
    {
        var state = NewPlayer();

        var scores = PlayerScores.Of(Engine, state, ActiveEffects.None);

        Assert.Equal((BigNumber.Zero, BigNumber.Zero, 0L, 0), (scores.TotalWool, scores.NetWorth, scores.SoulShears, scores.TotalPrestiges));
        Assert.Equal(Engine.ComputeRates(state, ActiveEffects.None).Values.Aggregate(BigNumber.Zero, (a, b) => a + b), scores.WoolPerSecond);
    }

    [Fact]
    public void Scores_are_lifetime_wool_net_worth_prestiges_and_the_sum_of_the_rates()
    {
        var state = NewPlayer().With("barn", 10).WithWool("basic", 1234);
        state.LifetimeWoolProduced = BigNumber.Parse("5e9");
        state.SoulShears = 7;
        state.TotalPrestiges = 3;

        var scores = PlayerScores.Of(Engine, state, ActiveEffects.None);

        var rates = Engine.ComputeRates(state, ActiveEffects.None);
        var sum = rates.Values.Aggregate(BigNumber.Zero, (a, b) => a + b);
        Assert.True(sum > BigNumber.Zero);
        Assert.Equal(sum, scores.WoolPerSecond);
        Assert.Equal(BigNumber.Parse("5e9"), scores.TotalWool);
        Assert.Equal(Engine.NetWorth(state), scores.NetWorth);
        Assert.True(scores.NetWorth > BigNumber.Zero);
        Assert.Equal((7L, 3), (scores.SoulShears, scores.TotalPrestiges));
    }

    [Fact]
    public void Wool_per_second_follows_the_running_events_and_the_other_scores_do_not()
    {
        var state = NewPlayer().With("barn", 10);
        var plain = PlayerScores.Of(Engine, state, ActiveEffects.None);

        var doubled = PlayerScores.Of(Engine, state, ActiveEffects.None with { ProductionMultiplier = 2 });

        Assert.True(plain.WoolPerSecond > BigNumber.Zero);
        Assert.Equal(2 * plain.WoolPerSecond.ToDouble(), doubled.WoolPerSecond.ToDouble(), 9);
        Assert.Equal((plain.TotalWool, plain.NetWorth), (doubled.TotalWool, doubled.NetWorth));
    }

    [Fact]
    public void A_prestige_count_beyond_int_range_is_capped()
    {
        var state = NewPlayer();
        state.TotalPrestiges = long.MaxValue;

        Assert.Equal(int.MaxValue, PlayerScores.Of(Engine, state, ActiveEffects.None).TotalPrestiges);
    }
}
