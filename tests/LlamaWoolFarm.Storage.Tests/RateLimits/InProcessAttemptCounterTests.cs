using LlamaWoolFarm.Storage.RateLimits;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.RateLimits;

public sealed class InProcessAttemptCounterTests : AttemptCounterContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override IAttemptCounter CreateCounter() => new InProcessAttemptCounter(_clock);

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}
