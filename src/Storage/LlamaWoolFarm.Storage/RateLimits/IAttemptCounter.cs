namespace LlamaWoolFarm.Storage.RateLimits;

/// <summary>
/// Counters that expire a fixed time after their first increment (failed logins per account and per address).
/// </summary>
public interface IAttemptCounter
{
    /// <summary>Adds one to the counter, starting a window of <paramref name="window"/> when it did not exist.</summary>
    Task<AttemptCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>The counter now (zero with no time left when it does not exist).</summary>
    Task<AttemptCount> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the counter (a successful login).</summary>
    Task ResetAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>A counter's value and how long until its window ends.</summary>
public sealed record AttemptCount(long Count, TimeSpan RemainingWindow);
