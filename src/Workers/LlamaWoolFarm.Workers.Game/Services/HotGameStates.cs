using System.Collections.Concurrent;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The game states this worker wrote (or read) last, kept in memory with their store version, so a player's next
/// command does not read and deserialize its ~12 KB document again. Write-through, never write-behind: every change is
/// still the store's conditional replace, named with the version the entry holds. A state changed by anyone else (a
/// second game worker, a save replace, a purge) makes that replace lose; the command then forgets the entry and runs
/// again on the stored document, so a stale entry costs one retry and never a wrong write.
/// </summary>
/// <remarks>
/// A command <see cref="Take"/>s its player's document out while it works on it (the rules change it in place) and
/// <see cref="Keep"/>s it again only once the write committed: an entry is always exactly what the store holds at its
/// version (stored big numbers and times round-trip exactly), and a failed command leaves no half-changed document
/// behind. What the entry does not replace: the <c>commands</c> collection stays the authority for command ids the
/// document's window does not hold. An entry also remembers which of the document's full outcomes this worker itself
/// inserted into <c>commands</c>, so when such an outcome leaves the document the check that it is recorded needs no
/// read. One residual case is left to the version alone: a state deleted and created again
/// by another process reaching the same version as an entry here; a purge in this process forgets the entry, and a
/// purged (deleted) player sends no commands.
/// </remarks>
public sealed class HotGameStates
{
    /// <summary>Default capacity: at ~30–40 KB of objects per state, about 150 MB at most.</summary>
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly Lock _trimming = new();
    private long _uses;

    public HotGameStates(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    /// <summary>The player's document, removed from the cache while the caller works on it; null when none is kept.</summary>
    public KeptState? Take(Guid playerId) =>
        _entries.TryRemove(playerId, out var entry) ? entry.State : null;

    /// <summary>
    /// Keeps a document the caller read from or just wrote to the store at <see cref="Stored{T}.Version"/>, with the
    /// ids of its outcomes known to be in <c>commands</c> (only those still among its full outcomes are kept). An
    /// entry of a newer version already kept (another command of the player committed meanwhile) stays.
    /// </summary>
    public void Keep(Guid playerId, Stored<GameStateDocument> stored, IEnumerable<Guid>? recorded = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (Capacity == 0)
        {
            return;
        }

        var known = new HashSet<Guid>();
        if (recorded is not null)
        {
            foreach (var outcome in stored.Document.RecentCommands)
            {
                if (recorded.Contains(outcome.CommandId))
                {
                    known.Add(outcome.CommandId);
                }
            }
        }

        var entry = new Entry(new KeptState(stored, known), Interlocked.Increment(ref _uses));
        _entries.AddOrUpdate(playerId, entry, (_, kept) => kept.State.Stored.Version > stored.Version ? kept : entry);
        if (_entries.Count > Capacity)
        {
            Trim();
        }
    }

    /// <summary>Drops the player's entry: its state was written or deleted by a path that does not keep it.</summary>
    public void Forget(Guid playerId) => _entries.TryRemove(playerId, out _);

    /// <summary>Over capacity: drops the least recently kept quarter, so trimming is rare rather than per command.</summary>
    private void Trim()
    {
        lock (_trimming)
        {
            var excess = _entries.Count - (Capacity * 3 / 4);
            if (_entries.Count <= Capacity || excess <= 0)
            {
                return;
            }

            foreach (var old in _entries.OrderBy(e => e.Value.Use).Take(excess).ToList())
            {
                // Only the entry seen: one kept again since is newer and stays.
                _entries.TryRemove(old);
            }
        }
    }

    private sealed record Entry(KeptState State, long Use);
}

/// <summary>A kept document at its store version, and which of its full outcomes are known to be in <c>commands</c>.</summary>
public sealed record KeptState(Stored<GameStateDocument> Stored, IReadOnlySet<Guid> Recorded);
