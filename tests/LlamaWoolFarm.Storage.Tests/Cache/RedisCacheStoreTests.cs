using LlamaWoolFarm.Storage.Cache;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Tests.Cache;

/// <summary>
/// The contract on the real Redis server, whose key expiry times the entries; every test has its own key prefix, and
/// its second process is another adapter (own local copies, own stampede locks) over another connection.
/// </summary>
public sealed class RedisCacheStoreTests : CacheStoreContract
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly string _prefix = "lwf-test:cache:" + Guid.NewGuid().ToString("N") + ":";

    protected override ICacheStore CreateStore() => new RedisCacheStore(RedisServer.Connection, TimeProvider.System, Options(_prefix));

    protected override ICacheStore OtherProcess(ICacheStore store) => Track(new RedisCacheStore(RedisServer.OtherConnection, TimeProvider.System, Options(_prefix)));

    // The expiry runs on Redis's clock: poll until it shows, or give up at the deadline.
    protected override async Task<bool> EventuallyAsync(TimeSpan elapse, Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + elapse + Deadline;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await condition();
    }

    [Fact]
    public async Task Entries_live_in_redis_under_the_prefix_with_the_time_to_live_rounded_up_to_seconds()
    {
        var store = Store();
        var key = NewKey();

        await store.SetAsync(key, new Sample("x", 1, []), TimeSpan.FromMilliseconds(1500));

        var ttl = await RedisServer.Connection.GetDatabase().KeyTimeToLiveAsync(new RedisKey(_prefix + key));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Without_local_copies_a_removal_by_one_process_is_seen_by_the_other_at_once()
    {
        var options = Options(_prefix);
        options.LocalCopySeconds = 0;
        var first = Track(new RedisCacheStore(RedisServer.Connection, TimeProvider.System, options));
        var second = Track(new RedisCacheStore(RedisServer.OtherConnection, TimeProvider.System, options));
        var key = NewKey();
        await first.SetAsync(key, new Sample("x", 1, []), TimeSpan.FromMinutes(1));
        Assert.True((await second.GetAsync<Sample>(key)).Found);

        await first.RemoveAsync(key);

        Assert.False((await second.GetAsync<Sample>(key)).Found);
    }

    [Fact]
    public async Task Without_a_reachable_redis_values_are_still_computed_and_answered()
    {
        // Nothing listens on port 1; fail-fast so the test need not wait out the connection's timeout.
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 200;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        using var unreachable = await ConnectionMultiplexer.ConnectAsync(options);
        var store = Track(new RedisCacheStore(unreachable, TimeProvider.System, Options(_prefix)));
        var key = NewKey();

        var value = await store.GetOrCreateAsync(key, _ => Task.FromResult(new Sample("computed", 1, [])), TimeSpan.FromMinutes(1));

        Assert.Equal("computed", value.Name);
        Assert.False(unreachable.IsConnected);
    }

    [Fact]
    public async Task Disposing_an_adapter_leaves_the_shared_connection_open()
    {
        using (var store = new RedisCacheStore(RedisServer.Connection, TimeProvider.System, Options(_prefix)))
        {
            await store.SetAsync(NewKey(), new Sample("x", 1, []), TimeSpan.FromMinutes(1));
        }

        Assert.True(RedisServer.Connection.IsConnected);
        Assert.True((await RedisServer.Connection.GetDatabase().PingAsync()) < TimeSpan.FromSeconds(10));
    }
}
