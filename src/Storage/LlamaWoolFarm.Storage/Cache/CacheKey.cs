namespace LlamaWoolFarm.Storage.Cache;

/// <summary>
/// A cache key: the namespace names the use (<c>leaderboard-top</c>), so uses never collide and an operator can tell
/// them apart in Redis; the id names the entry within it. Invalid keys are refused here, with the reason, rather than
/// silently not cached.
/// </summary>
public readonly record struct CacheKey
{
    /// <summary>The longest namespace.</summary>
    public const int MaxNamespaceLength = 40;

    /// <summary>The longest id.</summary>
    public const int MaxIdLength = 200;

    public CacheKey(string @namespace, string id)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(id);
        if (@namespace.Length is 0 or > MaxNamespaceLength || !@namespace.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"A cache namespace is 1 to {MaxNamespaceLength} characters of a-z, 0-9 and '-'; got '{@namespace}'.", nameof(@namespace));
        }

        if (id.Length is 0 or > MaxIdLength || id.Any(char.IsControl))
        {
            throw new ArgumentException($"A cache id is 1 to {MaxIdLength} characters without control characters; got {id.Length} characters.", nameof(id));
        }

        Namespace = @namespace;
        Id = id;
    }

    public string Namespace { get; }

    public string Id { get; }

    /// <summary><c>{namespace}:{id}</c>, the key within the store's prefix.</summary>
    public override string ToString() => Namespace + ":" + Id;
}
