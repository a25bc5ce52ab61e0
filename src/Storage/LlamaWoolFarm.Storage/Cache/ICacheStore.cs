namespace LlamaWoolFarm.Storage.Cache;

/// <summary>
/// A short-lived cache of computed answers (a query result many readers ask for), kept as JSON under
/// <c>{namespace}:{id}</c> keys, each value at most <see cref="CacheOptions.MaxValueBytes"/> once serialized. Expiry
/// has one-second resolution: a time to live is at least one second and is rounded up to whole seconds. A cache may
/// lose an entry early (memory pressure, a Redis restart); callers treat a miss as "compute it again", never as "absent".
/// </summary>
public interface ICacheStore
{
    /// <summary>The value under <paramref name="key"/>; <see cref="CacheLookup{T}.Found"/> is false when it is absent or expired.</summary>
    Task<CacheLookup<T>> GetAsync<T>(CacheKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> for <paramref name="timeToLive"/>, replacing any
    /// value there. Throws <see cref="CacheValueTooLargeException"/> (and stores nothing) when the value is too large.
    /// </summary>
    Task SetAsync<T>(CacheKey key, T value, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Removes the value under <paramref name="key"/>; nothing happens when there is none.</summary>
    Task RemoveAsync(CacheKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The value under <paramref name="key"/>, or the one <paramref name="create"/> computes on a miss, stored for
    /// <paramref name="timeToLive"/>. Concurrent misses of one key in one process run <paramref name="create"/> once and
    /// all receive its value (or its exception, which is not cached). A value too large is refused with
    /// <see cref="CacheValueTooLargeException"/> for every caller waiting on it.
    /// </summary>
    Task<T> GetOrCreateAsync<T>(CacheKey key, Func<CancellationToken, Task<T>> create, TimeSpan timeToLive, CancellationToken cancellationToken = default);
}

/// <summary>The answer of <see cref="ICacheStore.GetAsync{T}"/>: <c>Value</c> is meaningful only when <c>Found</c>.</summary>
public readonly record struct CacheLookup<T>(bool Found, T? Value)
{
    /// <summary>Nothing under the key.</summary>
    public static CacheLookup<T> Miss => default;
}
