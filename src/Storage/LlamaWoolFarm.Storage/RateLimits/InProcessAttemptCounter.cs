using LlamaWoolFarm.Storage.InProcess;

namespace LlamaWoolFarm.Storage.RateLimits;

/// <summary>Attempt counters in process memory (Standalone and tests), timed by the injected clock; a counter is dropped when its window ends.</summary>
public sealed class InProcessAttemptCounter(TimeProvider clock) : IAttemptCounter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Count, DateTimeOffset Ends)> _counters = new(StringComparer.Ordinal);
    private readonly ExpiryQueue _expiries = new();

    /// <summary>Counters held now, ended ones not yet dropped included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _counters.Count;
            }
        }
    }

    public Task<AttemptCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _expiries.Trim(_counters, c => c.Ends, now, int.MaxValue);
            var current = _counters.TryGetValue(key, out var found) && found.Ends > now ? found : (0, now + window);
            if (current.Count == 0)
            {
                _expiries.Add(key, current.Ends);
            }

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
