using BenchmarkDotNet.Attributes;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>Validating a late-game upload that bought levels of every building and was away for an hour.</summary>
[MemoryDiagnoser]
public class SaveValidationBenchmarks
{
    private PlayerState _base = null!;
    private GameSave _save = null!;

    [GlobalSetup]
    public void Setup()
    {
        _base = LateGame.Create();
        var played = _base.Clone();
        GameEngine.V1.Materialize(played, LateGame.Now, EffectsTimeline.Empty);
        GameEngine.V1.ClaimOfflineProgress(played, LateGame.Now, EffectsTimeline.Empty);
        foreach (var building in GameEngine.V1.Catalog.Buildings)
        {
            GameEngine.V1.PurchaseBuilding(played, building.Id, 10, LateGame.Now, EffectsTimeline.Empty);
        }

        _save = SaveConversion.ToSave(played);
        var result = Validate();
        if (!result.IsValid)
        {
            throw new InvalidOperationException("The benchmark save must be valid: " + string.Join("; ", result.Violations));
        }
    }

    [Benchmark(Description = "validate late-game upload")]
    public SaveValidationResult Validate() => SaveValidator.V1.Validate(_base, _save, LateGame.Now, ActiveEffects.None);

    [Benchmark(Description = "checksum of late-game save")]
    public string Checksum() => SaveChecksum.Compute(_save);
}
