using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlamaWoolFarm.Storage.Cache;

/// <summary>
/// The cache port over <see cref="HybridCache"/>, which brings the stampede protection and the local copies. Values
/// are serialized here, with <see cref="DocumentJson.Options"/>, and handed to it as bytes: so the size limit is
/// measured on exactly what is stored and refused with an exception (HybridCache itself would only log and skip), and
/// every reader gets its own copy. Each adapter owns its HybridCache in a private service provider, so its local
/// copies and its stampede locks are its own, as a process's are, and the host's container gains no
/// <c>IDistributedCache</c> it did not ask for.
/// </summary>
public abstract class HybridCacheStore : ICacheStore, IDisposable
{
    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    private readonly ServiceProvider _services;
    private readonly HybridCache _cache;
    private readonly int _maxValueBytes;
    private readonly TimeSpan? _localCopyLimit;
    private readonly HybridCacheEntryOptions _lookup;

    /// <summary>
    /// An adapter whose local copies live at most <paramref name="localCopyLimit"/> (null: the entry's whole life; zero:
    /// none) over the second level <paramref name="addDistributedCache"/> registers, if any.
    /// </summary>
    protected HybridCacheStore(CacheOptions options, TimeProvider clock, ILoggerFactory? loggerFactory, TimeSpan? localCopyLimit, Action<IServiceCollection> addDistributedCache)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(addDistributedCache);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _maxValueBytes = options.MaxValueBytes;
        _localCopyLimit = localCopyLimit;
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton(loggerFactory ?? NullLoggerFactory.Instance);
        // Local copies expire by the injected clock, as every in-process adapter's state does.
        services.AddMemoryCache(o => o.Clock = new Clock(clock));
        addDistributedCache(services);
        services.AddHybridCache(o =>
        {
            o.MaximumPayloadBytes = options.MaxValueBytes;
            o.MaximumKeyLength = CacheKey.MaxNamespaceLength + 1 + CacheKey.MaxIdLength;
        });
        _services = services.BuildServiceProvider();
        _cache = _services.GetRequiredService<HybridCache>();
        // A lookup reads the local copy, then the shared level; it never computes, so a miss stores nothing.
        _lookup = new HybridCacheEntryOptions
        {
            Flags = HybridCacheEntryFlags.DisableUnderlyingData | LocalFlags(),
            LocalCacheExpiration = localCopyLimit is { } limit && limit > TimeSpan.Zero ? limit : null,
        };
    }

    public async Task<CacheLookup<T>> GetAsync<T>(CacheKey key, CancellationToken cancellationToken = default)
    {
        var bytes = await _cache.GetOrCreateAsync<byte[]?>(key.ToString(), static _ => ValueTask.FromResult<byte[]?>(null), _lookup, cancellationToken: cancellationToken);
        return bytes is null ? CacheLookup<T>.Miss : new CacheLookup<T>(true, Deserialize<T>(bytes));
    }

    public async Task SetAsync<T>(CacheKey key, T value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var entry = Entry(timeToLive);
        await _cache.SetAsync(key.ToString(), Serialize(key, value), entry, cancellationToken: cancellationToken);
    }

    public async Task RemoveAsync(CacheKey key, CancellationToken cancellationToken = default) =>
        await _cache.RemoveAsync(key.ToString(), cancellationToken);

    public async Task<T> GetOrCreateAsync<T>(CacheKey key, Func<CancellationToken, Task<T>> create, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        var entry = Entry(timeToLive);
        var bytes = await _cache.GetOrCreateAsync(
            key.ToString(),
            (Store: this, Key: key, Create: create),
            static async (state, ct) => state.Store.Serialize(state.Key, await state.Create(ct)),
            entry,
            cancellationToken: cancellationToken);
        return Deserialize<T>(bytes);
    }

    public void Dispose()
    {
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    private static T Deserialize<T>(byte[] bytes) => JsonSerializer.Deserialize<T>(bytes, DocumentJson.Options)!;

    private byte[] Serialize<T>(CacheKey key, T value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, DocumentJson.Options);
        return bytes.Length <= _maxValueBytes ? bytes : throw new CacheValueTooLargeException(key, bytes.Length, _maxValueBytes);
    }

    private HybridCacheEntryOptions Entry(TimeSpan timeToLive)
    {
        if (timeToLive < Resolution)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "A cache time to live is at least one second.");
        }

        // Redis keeps expiry in whole seconds (cutting the rest off), so every adapter rounds up to them alike.
        var ttl = TimeSpan.FromSeconds(Math.Ceiling(timeToLive.TotalSeconds));
        return new HybridCacheEntryOptions
        {
            Expiration = ttl,
            LocalCacheExpiration = _localCopyLimit is { } limit && limit > TimeSpan.Zero && limit < ttl ? limit : ttl,
            Flags = LocalFlags(),
        };
    }

    private HybridCacheEntryFlags LocalFlags() =>
        _localCopyLimit == TimeSpan.Zero ? HybridCacheEntryFlags.DisableLocalCache : HybridCacheEntryFlags.None;

    private sealed class Clock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
