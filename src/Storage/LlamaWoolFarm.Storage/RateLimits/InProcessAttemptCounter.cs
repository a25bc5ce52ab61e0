namespace LlamaWoolFarm.Storage.RateLimits;

/// <summary>Attempt counters in process memory (Standalone and tests), timed by the injected clock.</summary>
public sealed class InProcessAttemptCounter(TimeProvider clock) : IAttemptCounter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Count, DateTimeOffset Ends)> _counters = new(StringComparer.Ordinal);

    public Task<AttemptCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_counters.Count > 10_000)
            {
                foreach (var stale in _counters.Where(c => c.Value.Ends <= now).Select(c => c.Key).ToList())
                {
                    _counters.Remove(stale);
                }
            }

            var current = _counters.TryGetValue(key, out var found) && found.Ends > now ? found : (0, now + window);
            current.Count++;
            _counters[key] = current;
            return Task.FromResult(new AttemptCount(current.Count, current.Ends - now));
        }
    }

    public Task<AttemptCount> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return Task.FromResult(_counters.TryGetValue(key, out var found) && found.Ends > now
                ? new AttemptCount(found.Count, found.Ends - now)
                : new AttemptCount(0, TimeSpan.Zero));
        }
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _counters.Remove(key);
        }

        return Task.CompletedTask;
    }
}
