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

    [Fact]
    public async Task Counters_are_dropped_when_their_window_ends()
    {
        var counter = new InProcessAttemptCounter(_clock);
        for (var i = 0; i < 100; i++)
        {
            await counter.IncrementAsync($"key-{i}", TimeSpan.FromMinutes(1));
            await counter.IncrementAsync($"key-{i}", TimeSpan.FromMinutes(1));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        await counter.IncrementAsync("fresh", TimeSpan.FromMinutes(1));

        Assert.Equal(1, counter.Count);
        Assert.Equal(1, (await counter.IncrementAsync("key-0", TimeSpan.FromMinutes(1))).Count);
    }
}
