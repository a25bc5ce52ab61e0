using LlamaWoolFarm.Storage.RateLimits;

namespace LlamaWoolFarm.Storage.Tests.RateLimits;

/// <summary>What every attempt counter must do; each adapter's test class runs all of it.</summary>
public abstract class AttemptCounterContract
{
    protected abstract IAttemptCounter CreateCounter();

    /// <summary>Lets time pass for the adapter (the test clock, or real time for a server's own expiry).</summary>
    protected abstract Task PassAsync(TimeSpan time);

    [Fact]
    public async Task Increments_count_within_the_window()
    {
        var counter = CreateCounter();
        var key = NewKey();

        await counter.IncrementAsync(key, TimeSpan.FromMinutes(1));
        var second = await counter.IncrementAsync(key, TimeSpan.FromMinutes(1));

        Assert.Equal(2, second.Count);
        Assert.InRange(second.RemainingWindow, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await counter.GetAsync(key)).Count);
    }

    [Fact]
    public async Task A_counter_ends_with_its_window_and_later_increments_start_a_new_one()
    {
        var counter = CreateCounter();
        var key = NewKey();
        await counter.IncrementAsync(key, TimeSpan.FromMilliseconds(300));
        await counter.IncrementAsync(key, TimeSpan.FromMilliseconds(300));

        await PassAsync(TimeSpan.FromMilliseconds(450));

        Assert.Equal(0, (await counter.GetAsync(key)).Count);
        Assert.Equal(1, (await counter.IncrementAsync(key, TimeSpan.FromMinutes(1))).Count);
    }

    [Fact]
    public async Task Reset_removes_the_counter_and_keys_are_independent()
    {
        var counter = CreateCounter();
        var key = NewKey();
        var other = NewKey();
        await counter.IncrementAsync(key, TimeSpan.FromMinutes(1));
        await counter.IncrementAsync(other, TimeSpan.FromMinutes(1));

        await counter.ResetAsync(key);

        Assert.Equal(0, (await counter.GetAsync(key)).Count);
        Assert.Equal(1, (await counter.GetAsync(other)).Count);
    }

    [Fact]
    public async Task Concurrent_increments_are_all_counted()
    {
        var counter = CreateCounter();
        var key = NewKey();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => counter.IncrementAsync(key, TimeSpan.FromMinutes(1)))));

        Assert.Equal(20, (await counter.GetAsync(key)).Count);
    }

    private static string NewKey() => "test:" + Guid.NewGuid().ToString("N");
}
