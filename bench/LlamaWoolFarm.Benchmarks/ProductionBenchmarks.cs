using BenchmarkDotNet.Attributes;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>The hot formulas on a full late-game snapshot, and the same work from a PlayerState document.</summary>
[MemoryDiagnoser]
public class ProductionBenchmarks
{
    private readonly double[] _buffer = new double[GameEngine.MaxWoolTypes];
    private readonly GameEngine _engine = GameEngine.V1;
    private readonly ActiveEffects _effects = new() { ProductionMultiplier = 2, OfflineEfficiencyBonus = 0.2 };
    private EffectsTimeline _events = EffectsTimeline.Empty;
    private ProductionSnapshot _snapshot;
    private PlayerState _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = LateGame.Create();
        _snapshot = _engine.CreateSnapshot(_state);
        // Built once, as the worker's timeline is: the benchmark measures the rules, not building a timeline.
        _events = EffectsTimeline.Constant(_effects);
    }

    [Benchmark(Description = "rates, late-game snapshot")]
    public double Rates() => _engine.ComputeRates(_snapshot, _effects, _buffer);

    [Benchmark(Description = "offline gains, late-game snapshot")]
    public OfflineComputation Offline() => _engine.ComputeOfflineGains(_snapshot, _effects, 30 * 3600, _buffer);

    [Benchmark(Description = "snapshot from PlayerState")]
    public ProductionSnapshot Snapshot() => _engine.CreateSnapshot(_state);

    [Benchmark(Description = "Materialize (clone + 1 h offline)")]
    public PlayerState Materialize()
    {
        var state = _state.Clone();
        _engine.Materialize(state, LateGame.Now, _events);
        return state;
    }
}
