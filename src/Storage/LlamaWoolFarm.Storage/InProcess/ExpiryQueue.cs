namespace LlamaWoolFarm.Storage.InProcess;

/// <summary>
/// The keys of an in-process store in the order they expire, so the store drops what has expired (and, over its
/// capacity, what expires soonest) at O(log n) per key. Scanning every entry on each write instead cost the
/// Standalone gateway a third of its CPU once the idempotency keys of a few minutes' commands were held.
/// </summary>
/// <remarks>
/// A key written again is queued again with its new expiry; its older items are skipped when they come up, because
/// the entry they would remove no longer expires at their time. Not thread-safe: the owning store's lock covers it.
/// </remarks>
public sealed class ExpiryQueue
{
    private readonly PriorityQueue<string, DateTimeOffset> _queue = new();

    /// <summary>Items queued, current and outdated: bounded by the writes made within the longest lifetime.</summary>
    public int Queued => _queue.Count;

    /// <summary>Queues <paramref name="key"/> to expire at <paramref name="expires"/>; call on every write that sets an expiry.</summary>
    public void Add(string key, DateTimeOffset expires) => _queue.Enqueue(key, expires);

    /// <summary>
    /// Removes from <paramref name="entries"/> every key that has expired by <paramref name="now"/>, then, while
    /// more than <paramref name="capacity"/> are held, the one that would expire soonest.
    /// </summary>
    public void Trim<T>(Dictionary<string, T> entries, Func<T, DateTimeOffset> expiresOf, DateTimeOffset now, int capacity)
    {
        while (_queue.TryPeek(out var key, out var expires) && (expires <= now || entries.Count > capacity))
        {
            _queue.Dequeue();
            // Only the item of the entry's current expiry removes it: an older item of a rewritten key is skipped.
            if (entries.TryGetValue(key, out var entry) && expiresOf(entry) == expires)
            {
                entries.Remove(key);
            }
        }
    }
}
