namespace LlamaWoolFarm.Storage.Idempotency;

/// <summary>Idempotency keys in process memory (Standalone and tests), timed by the injected clock.</summary>
public sealed class InProcessIdempotencyStore(TimeProvider clock) : IIdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, TimeSpan claimLifetime, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_entries.Count > 10_000)
            {
                foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(stale);
                }
            }

            if (!_entries.TryGetValue(key, out var entry) || entry.Expires <= now)
            {
                var token = Guid.NewGuid().ToString("N");
                _entries[key] = new Entry(fingerprint, token, null, now + claimLifetime);
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

            _entries[key] = entry with { ClaimToken = null, Response = response, Expires = now + retention };
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

    private sealed record Entry(string Fingerprint, string? ClaimToken, IdempotentResponse? Response, DateTimeOffset Expires);
}
