using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// A partition's limiter while Redis is connected but a call to it fails in a way StackExchange.Redis does not
/// report as a connection fault (a connection torn down mid-read surfaces as a bare InvalidOperationException):
/// the in-process window decides, so the request is limited or let through, never answered 500.
/// </summary>
public sealed class RedisOrLocalRateLimiterTests
{
    [Fact]
    public async Task Any_failure_of_the_Redis_limiter_hands_the_decision_to_the_local_window()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var outages = new DependencyOutages(services.GetRequiredService<IMeterFactory>(), NullLogger<DependencyOutages>.Instance);
        var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        await using var limiter = new RedisOrLocalRateLimiter(new FailingLimiter(), local, connection, outages);

        var leases = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            using var lease = await limiter.AcquireAsync(1);
            leases.Add(lease.IsAcquired);
        }

        Assert.Equal([true, true, false], leases);
        Assert.True(outages.RateLimitsDegraded);
    }

    [Fact]
    public async Task A_caller_that_gives_up_is_not_counted_as_a_Redis_failure()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var outages = new DependencyOutages(services.GetRequiredService<IMeterFactory>(), NullLogger<DependencyOutages>.Instance);
        var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        await using var limiter = new RedisOrLocalRateLimiter(new FailingLimiter(), local, connection, outages);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAsync(1, cancelled.Token));
        Assert.False(outages.RateLimitsDegraded);
    }

    /// <summary>A Redis limiter whose call fails as StackExchange.Redis's pipe does when its connection is torn down.</summary>
    private sealed class FailingLimiter : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("Reading is not allowed after reader was completed.");
        }
    }
}
