namespace LlamaWoolFarm.Storage.Cache;

/// <summary>A value was refused because its JSON is larger than <see cref="CacheOptions.MaxValueBytes"/>; nothing was stored.</summary>
public sealed class CacheValueTooLargeException : InvalidOperationException
{
    public CacheValueTooLargeException()
    {
    }

    public CacheValueTooLargeException(string message)
        : base(message)
    {
    }

    public CacheValueTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal CacheValueTooLargeException(CacheKey key, long size, int limit)
        : base($"The cache value for '{key}' is {size} bytes of JSON; the limit is {limit} (Cache:MaxValueBytes). Cache a smaller answer, or raise the limit.")
    {
        Key = key.ToString();
        Size = size;
        Limit = limit;
    }

    /// <summary>The refused key, <c>{namespace}:{id}</c>.</summary>
    public string? Key { get; }

    /// <summary>The size of the refused value's JSON, in bytes.</summary>
    public long Size { get; }

    /// <summary>The limit in force.</summary>
    public int Limit { get; }
}
