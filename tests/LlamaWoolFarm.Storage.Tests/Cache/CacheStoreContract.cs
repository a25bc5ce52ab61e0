using LlamaWoolFarm.Storage.Cache;

namespace LlamaWoolFarm.Storage.Tests.Cache;

/// <summary>What every cache store must do; each adapter's test class runs all of it.</summary>
public abstract class CacheStoreContract : IDisposable
{
    /// <summary>The value limit of the stores under test, small so the refusal is cheap to provoke.</summary>
    protected const int MaxValueBytes = 2048;

    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private readonly List<IDisposable> _stores = [];

    protected static CacheOptions Options(string keyPrefix = "lwf:cache:") => new() { KeyPrefix = keyPrefix, MaxValueBytes = MaxValueBytes };

    protected abstract ICacheStore CreateStore();

    /// <summary>Another process's view of the same cache (Redis: another adapter with its own local copies).</summary>
    protected abstract ICacheStore OtherProcess(ICacheStore store);

    /// <summary>
    /// Lets <paramref name="elapse"/> pass for the store's expiry, then answers whether <paramref name="condition"/>
    /// holds (polled to a deadline where the expiry runs on the real clock).
    /// </summary>
    protected abstract Task<bool> EventuallyAsync(TimeSpan elapse, Func<Task<bool>> condition);

    [Fact]
    public async Task A_key_never_set_is_a_miss()
    {
        var store = Store();

        var lookup = await store.GetAsync<Sample>(NewKey());

        Assert.False(lookup.Found);
        Assert.Null(lookup.Value);
    }

    [Fact]
    public async Task A_value_set_is_read_back_whole()
    {
        var store = Store();
        var key = NewKey();
        var value = new Sample("top", 3, ["a", "é", "🦙"]);

        await store.SetAsync(key, value, Long);
        var lookup = await store.GetAsync<Sample>(key);

        Assert.True(lookup.Found);
        Assert.Equal(value.Name, lookup.Value!.Name);
        Assert.Equal(value.Count, lookup.Value.Count);
        Assert.Equal(value.Tags, lookup.Value.Tags);
    }

    [Fact]
    public async Task A_value_expires_after_its_time_to_live()
    {
        var store = Store();
        var key = NewKey();
        await store.SetAsync(key, new Sample("brief", 1, []), TimeSpan.FromSeconds(1));
        Assert.True((await store.GetAsync<Sample>(key)).Found);

        Assert.True(await EventuallyAsync(TimeSpan.FromSeconds(1), async () => !(await store.GetAsync<Sample>(key)).Found));
    }

    [Fact]
    public async Task Setting_a_key_again_replaces_its_value()
    {
        var store = Store();
        var key = NewKey();
        await store.SetAsync(key, new Sample("old", 1, []), Long);

        await store.SetAsync(key, new Sample("new", 2, []), Long);

        Assert.Equal("new", (await store.GetAsync<Sample>(key)).Value!.Name);
        Assert.Equal("new", (await store.GetOrCreateAsync(key, _ => Task.FromResult(new Sample("computed", 0, [])), Long)).Name);
    }

    [Fact]
    public async Task A_removed_key_is_a_miss_and_removing_it_again_is_harmless()
    {
        var store = Store();
        var key = NewKey();
        await store.SetAsync(key, new Sample("gone", 1, []), Long);

        await store.RemoveAsync(key);
        await store.RemoveAsync(key);

        Assert.False((await store.GetAsync<Sample>(key)).Found);
        Assert.Equal("again", (await store.GetOrCreateAsync(key, _ => Task.FromResult(new Sample("again", 0, [])), Long)).Name);
    }

    [Fact]
    public async Task The_same_id_in_two_namespaces_is_two_entries()
    {
        var store = Store();
        var id = Guid.NewGuid().ToString("N");
        await store.SetAsync(new CacheKey("test-one", id), new Sample("one", 1, []), Long);
        await store.SetAsync(new CacheKey("test-two", id), new Sample("two", 2, []), Long);

        Assert.Equal("one", (await store.GetAsync<Sample>(new CacheKey("test-one", id))).Value!.Name);
        Assert.Equal("two", (await store.GetAsync<Sample>(new CacheKey("test-two", id))).Value!.Name);
    }

    [Fact]
    public async Task A_value_over_the_size_limit_is_refused_and_leaves_the_key_as_it_was()
    {
        var store = Store();
        var key = NewKey();
        await store.SetAsync(key, new Sample("small", 1, []), Long);
        var large = new Sample(new string('w', MaxValueBytes), 1, []);

        var refused = await Assert.ThrowsAsync<CacheValueTooLargeException>(() => store.SetAsync(key, large, Long));

        Assert.Equal(MaxValueBytes, refused.Limit);
        Assert.True(refused.Size > MaxValueBytes);
        Assert.Contains(key.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal("small", (await store.GetAsync<Sample>(key)).Value!.Name);
    }

    [Fact]
    public async Task A_computed_value_over_the_size_limit_is_refused_and_not_stored()
    {
        var store = Store();
        var key = NewKey();

        await Assert.ThrowsAsync<CacheValueTooLargeException>(() =>
            store.GetOrCreateAsync(key, _ => Task.FromResult(new Sample(new string('w', MaxValueBytes), 1, [])), Long));

        Assert.False((await store.GetAsync<Sample>(key)).Found);
    }

    [Fact]
    public async Task A_time_to_live_under_a_second_is_refused()
    {
        var store = Store();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SetAsync(NewKey(), new Sample("x", 1, []), TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Concurrent_misses_of_one_key_compute_it_once_and_all_get_the_value()
    {
        var store = Store();
        var key = NewKey();
        var computations = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Every caller asks while the one computation is held open, so all of them are concurrent misses.
        var readers = Enumerable.Range(0, 32).Select(_ => store.GetOrCreateAsync(
            key,
            async _ =>
            {
                Interlocked.Increment(ref computations);
                await release.Task;
                return new Sample("computed", 7, ["x"]);
            },
            Long)).ToList();
        release.SetResult();
        var values = await Task.WhenAll(readers);

        Assert.Equal(1, computations);
        Assert.All(values, v => Assert.Equal(("computed", 7), (v.Name, v.Count)));
        // Each caller has its own copy: one changing its list cannot change another's.
        Assert.Equal(values.Length, values.Select(v => v.Tags).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal("computed", (await store.GetAsync<Sample>(key)).Value!.Name);
    }

    [Fact]
    public async Task A_failed_computation_is_not_cached()
    {
        var store = Store();
        var key = NewKey();

        await Assert.ThrowsAsync<TimeoutException>(() => store.GetOrCreateAsync<Sample>(key, _ => throw new TimeoutException("the store is slow"), Long));

        Assert.False((await store.GetAsync<Sample>(key)).Found);
        Assert.Equal("second", (await store.GetOrCreateAsync(key, _ => Task.FromResult(new Sample("second", 2, [])), Long)).Name);
    }

    [Fact]
    public async Task A_value_written_by_one_process_is_read_by_another()
    {
        var first = Store();
        var second = OtherProcess(first);
        var key = NewKey();

        await first.SetAsync(key, new Sample("shared", 5, []), Long);

        Assert.Equal("shared", (await second.GetAsync<Sample>(key)).Value!.Name);
        Assert.Equal("shared", (await second.GetOrCreateAsync(key, _ => Task.FromResult(new Sample("recomputed", 0, [])), Long)).Name);
    }

    [Fact]
    public async Task A_value_computed_by_one_process_spares_the_other_the_computation()
    {
        var first = Store();
        var second = OtherProcess(first);
        var key = NewKey();
        await first.GetOrCreateAsync(key, _ => Task.FromResult(new Sample("page", 9, [])), Long);

        // The shared write follows the answer, so the other process may see it a moment later.
        Assert.True(await EventuallyAsync(TimeSpan.Zero, async () => (await second.GetAsync<Sample>(key)).Found));
        var computed = false;
        var value = await second.GetOrCreateAsync(key, _ => { computed = true; return Task.FromResult(new Sample("again", 0, [])); }, Long);

        Assert.False(computed);
        Assert.Equal("page", value.Name);
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static CacheKey NewKey() => new("test", Guid.NewGuid().ToString("N"));

    /// <summary>A store from <see cref="CreateStore"/>, disposed with the test.</summary>
    protected ICacheStore Store() => Track(CreateStore());

    /// <summary>Disposes <paramref name="store"/> with the test.</summary>
    protected ICacheStore Track(ICacheStore store)
    {
        if (store is IDisposable disposable && !_stores.Contains(disposable))
        {
            _stores.Add(disposable);
        }

        return store;
    }

    public sealed record Sample(string Name, int Count, IReadOnlyList<string> Tags);
}
