namespace LlamaWoolFarm.Benchmarks;

/// <summary>A clock that moves only when told, a second at a time, so click batches are never too fast.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Step() => _now = _now.AddSeconds(1);

    public override DateTimeOffset GetUtcNow() => _now;
}
