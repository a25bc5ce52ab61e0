using System.Diagnostics.Metrics;
using LlamaWoolFarm.ServiceDefaults.Telemetry;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// What the gateway does while a dependency is out, counted (meter <c>LlamaWoolFarm</c>) and logged once per
/// outage rather than once per request: requests answered 503 by dependency, and rate-limit decisions taken in
/// process because Redis was unavailable.
/// </summary>
public sealed class DependencyOutages
{
    /// <summary>Seconds a client is told to wait after a dependency outage (the Redis reconnect backoff is capped at 5 s).</summary>
    public const int RetryAfterSeconds = 5;

    private readonly Counter<long> _unavailable;
    private readonly Counter<long> _localRateLimits;
    private readonly ILogger<DependencyOutages> _logger;
    private int _rateLimitsDegraded;

    public DependencyOutages(IMeterFactory meters, ILogger<DependencyOutages> logger)
    {
        _logger = logger;
        var meter = meters.Create(GameMetrics.MeterName);
        _unavailable = meter.CreateCounter<long>("lwf.gateway.unavailable", "{request}", "Requests answered 503 because a dependency was unavailable, tagged by dependency.");
        _localRateLimits = meter.CreateCounter<long>("lwf.gateway.rate_limit.local", "{request}", "Requests rate-limited by the in-process limiter because Redis was unavailable.");
    }

    /// <summary>True while rate limits are decided in process.</summary>
    public bool RateLimitsDegraded => Volatile.Read(ref _rateLimitsDegraded) == 1;

    /// <summary>Counts a request answered 503 because <paramref name="dependency"/> was unavailable.</summary>
    public void Unavailable(string dependency) => _unavailable.Add(1, new KeyValuePair<string, object?>("dependency", dependency));

    /// <summary>Counts a rate-limit decision taken in process; the first after Redis was fine logs a warning.</summary>
    public void RateLimitedLocally(Exception? cause)
    {
        _localRateLimits.Add(1);
        if (Interlocked.Exchange(ref _rateLimitsDegraded, 1) == 0)
        {
            _logger.LogWarning("Redis is unavailable ({Cause}): rate limits are enforced per gateway process until it is back.", cause?.Message ?? "not connected");
        }
    }

    /// <summary>Notes a rate-limit decision taken in Redis again; the first after an outage logs the recovery.</summary>
    public void RateLimitedInRedis()
    {
        if (Volatile.Read(ref _rateLimitsDegraded) == 1 && Interlocked.Exchange(ref _rateLimitsDegraded, 0) == 1)
        {
            _logger.LogInformation("Redis is back: rate limits are shared by the gateway processes again.");
        }
    }
}
