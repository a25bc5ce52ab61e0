using LlamaWoolFarm.Storage.InProcess;

namespace LlamaWoolFarm.Storage.Idempotency;

/// <summary>
/// Idempotency keys in process memory (Standalone and tests), timed by the injected clock. Expired keys are dropped as
/// they expire; beyond <paramref name="capacity"/> keys the soonest to expire go first. That only shortens a replay:
/// a command sent again is still applied once, by the game worker's own record of command ids.
/// </summary>
public sealed class InProcessIdempotencyStore(TimeProvider clock, int capacity = InProcessIdempotencyStore.DefaultCapacity) : IIdempotencyStore
{
    /// <summary>About 250 MB of keys: a day of a busy Standalone's commands would otherwise grow without bound.</summary>
    public const int DefaultCapacity = 1_000_000;

    private readonly int _capacity = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "At least one key.");
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ExpiryQueue _expiries = new();

    /// <summary>Keys held now, expired ones not yet dropped included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, TimeSpan claimLifetime, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _expiries.Trim(_entries, e => e.Expires, now, _capacity);
            if (!_entries.TryGetValue(key, out var entry) || entry.Expires <= now)
            {
                // Room is made only for a new key: a replay of a held one must not evict another.
                _expiries.Trim(_entries, e => e.Expires, now, _capacity - 1);
                var token = Guid.NewGuid().ToString("N");
                Set(key, new Entry(fingerprint, token, null, now + claimLifetime));
                return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.Claimed, token));
            }

            return Task.FromResult(entry switch
            {
                _ when entry.Fingerprint != fingerprint => new IdempotencyClaim(IdempotencyOutcome.Mismatch),
                { Response: null } => new IdempotencyClaim(IdempotencyOutcome.InProgress),
                _ => new IdempotencyClaim(IdempotencyOutcome.Completed, Response: entry.Response),
            });
        }
    }

    public Task<bool> CompleteAsync(string key, string claimToken, IdempotentResponse response, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.ClaimToken != claimToken || entry.Expires <= now)
            {
                return Task.FromResult(false);
            }

            Set(key, entry with { ClaimToken = null, Response = response, Expires = now + retention });
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string key, string claimToken, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ClaimToken == claimToken)
            {
                _entries.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    private void Set(string key, Entry entry)
    {
        _entries[key] = entry;
        _expiries.Add(key, entry.Expires);
    }

    private sealed record Entry(string Fingerprint, string? ClaimToken, IdempotentResponse? Response, DateTimeOffset Expires);
}
