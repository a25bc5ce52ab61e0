using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Storage.Cache;

/// <summary>
/// The cache in process memory (Standalone, embedded mode and tests): HybridCache over a memory cache alone, timed by
/// the injected clock. Its one copy is the entry, so a removal or an overwrite is seen at once.
/// </summary>
public sealed class InProcessCacheStore(TimeProvider clock, CacheOptions? options = null, ILoggerFactory? loggerFactory = null)
    : HybridCacheStore(options ?? new CacheOptions(), clock, loggerFactory, localCopyLimit: null, addDistributedCache: _ => { });
