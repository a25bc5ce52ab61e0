using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>
/// What makes <c>/health/ready</c> honest and quick: every check is time-boxed (a check that does not answer in
/// <see cref="CheckTimeout"/> reports its failure status), and the bus counts as down while none of its receive
/// endpoints is connected. MassTransit reports such a bus "Degraded", which a readiness probe reads as ready.
/// </summary>
public static class ReadinessChecks
{
    /// <summary>How long one readiness check may run; the checks run in parallel, so the probe answers within about this.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// True when the bus cannot move messages: it is unhealthy, or degraded because the broker is unreachable (its
    /// endpoints report a connection failure, or none of them is healthy). Degraded for another reason (an endpoint
    /// paused by its kill switch) is not an outage.
    /// </summary>
    public static bool IsDown(BusHealthResult health) =>
        health.Status == BusHealthStatus.Unhealthy
        || (health.Status == BusHealthStatus.Degraded
            && ((health.Exception is { } e && DependencyFailures.Classify(e) == DependencyFailures.Broker)
                || !health.Endpoints.Values.Any(x => x.Status == BusHealthStatus.Healthy)));

    internal static IServiceCollection AddReadinessChecks(this IServiceCollection services) =>
        services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>, ConfigureReadiness>();

    // Post-configure: MassTransit adds its bus check in its own Configure step, which runs before this.
    private sealed class ConfigureReadiness : IPostConfigureOptions<HealthCheckServiceOptions>
    {
        public void PostConfigure(string? name, HealthCheckServiceOptions options)
        {
            foreach (var registration in options.Registrations)
            {
                if (registration.Timeout == Timeout.InfiniteTimeSpan)
                {
                    registration.Timeout = CheckTimeout;
                }

                if (registration.Tags.Contains("masstransit"))
                {
                    registration.Factory = services => new BusReadinessCheck(services.GetRequiredService<IBusControl>());
                }
            }
        }
    }
}

/// <summary>The bus as readiness sees it: <see cref="ReadinessChecks.IsDown"/> is unhealthy.</summary>
internal sealed class BusReadinessCheck(IBusControl bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        return Task.FromResult(ReadinessChecks.IsDown(health)
            ? HealthCheckResult.Unhealthy("The message broker is unreachable: " + health.Description, health.Exception)
            : health.Status == BusHealthStatus.Healthy
                ? HealthCheckResult.Healthy(health.Description)
                : HealthCheckResult.Degraded(health.Description, health.Exception));
    }
}

/// <summary>
/// Redis as readiness sees it: unhealthy at once while the connection is down (no wait for a timeout), otherwise
/// a PING.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis is not connected; reconnecting.");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (DependencyFailures.Classify(e) is not null)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
