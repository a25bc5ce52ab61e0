using LlamaWoolFarm.Storage.Cache;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Cache;

public sealed class InProcessCacheStoreTests : CacheStoreContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override ICacheStore CreateStore() => new InProcessCacheStore(_clock, Options());

    // One process: the other process is itself.
    protected override ICacheStore OtherProcess(ICacheStore store) => store;

    protected override async Task<bool> EventuallyAsync(TimeSpan elapse, Func<Task<bool>> condition)
    {
        _clock.Advance(elapse);
        return await condition();
    }

    [Fact]
    public async Task An_entry_lives_its_whole_time_to_live_rounded_up_to_seconds()
    {
        var store = Store();
        var key = NewKey();
        await store.SetAsync(key, new Sample("x", 1, []), TimeSpan.FromMilliseconds(1500));

        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.True((await store.GetAsync<Sample>(key)).Found);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False((await store.GetAsync<Sample>(key)).Found);
    }
}
