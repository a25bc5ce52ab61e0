using System.Globalization;
using System.Threading.RateLimiting;
using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Hosting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// Rate limits: every request counts against its player (or, without a token, its address); the credential
/// routes also count against the address under a stricter limit. With Redis sessions the windows live in Redis,
/// so every gateway replica enforces the same limits; while Redis is unavailable each replica enforces them in
/// process instead (logged and counted by <see cref="DependencyOutages"/>), so an outage never fails a request.
/// A refusal is 429 with <c>Retry-After</c> in the envelope.
/// </summary>
public static class RateLimiting
{
    /// <summary>The stricter policy of the credential routes.</summary>
    public const string AuthPolicy = "auth";

    public static IHostApplicationBuilder AddGatewayRateLimiting(IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<RateLimitOptions>(RateLimitOptions.SectionName);
        // The partitions are built now, from the settings as configured.
        var limits = builder.Configuration.ReadSettings<RateLimitOptions>(RateLimitOptions.SectionName);
        var redis = SessionStorageExtensions.UsesRedisSessions(builder.Configuration);
        builder.Services.AddSingleton<DependencyOutages>();
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                {
                    return RateLimitPartition.GetNoLimiter("health");
                }

                var player = context.User.FindFirst(AuthenticationExtensions.SubjectClaim)?.Value;
                return player is null
                    ? Partition(context, redis, limits, "address:" + Address(context), limits.PerAddress)
                    : Partition(context, redis, limits, "player:" + player, limits.PerPlayer);
            });
            o.AddPolicy(AuthPolicy, context => Partition(context, redis, limits, "auth:" + Address(context), limits.Auth));
            o.OnRejected = (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                // Counted for the anti-cheat review, coalesced per player and window (never a message per refusal).
                if (Guid.TryParse(context.User.FindFirst(AuthenticationExtensions.SubjectClaim)?.Value, out var offender))
                {
                    context.RequestServices.GetService<LlamaWoolFarm.Gateway.Operations.RateLimitOffences>()?.Count(offender);
                }

                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : (int)Math.Ceiling(limits.Window.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiResults.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, $"Too many requests; retry after {seconds} s."));
            };
        });
        return builder;
    }

    /// <summary>The client address the limits and lockouts count against.</summary>
    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> Partition(HttpContext context, bool redis, RateLimitOptions limits, string key, int permits)
    {
        if (redis)
        {
            var connection = context.RequestServices.GetRequiredService<IConnectionMultiplexer>();
            var outages = context.RequestServices.GetRequiredService<DependencyOutages>();
            return RateLimitPartition.Get(limits.KeyPrefix + key, redisKey => new RedisOrLocalRateLimiter(
                new RedisFixedWindowRateLimiter<string>(redisKey, new RedisFixedWindowRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => connection,
                    PermitLimit = permits,
                    Window = limits.Window,
                }),
                LocalLimiter(limits, permits),
                connection,
                outages));
        }

        return RateLimitPartition.Get(key, _ => LocalLimiter(limits, permits));
    }

    private static FixedWindowRateLimiter LocalLimiter(RateLimitOptions limits, int permits) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = limits.Window,
        QueueLimit = 0,
    });
}

/// <summary>
/// A partition's limiter in Redis, with an in-process one of the same limits taking over while Redis is
/// disconnected or a call to it fails. The in-process window counts only this replica's requests.
/// </summary>
public sealed class RedisOrLocalRateLimiter(RateLimiter redis, RateLimiter local, IConnectionMultiplexer connection, DependencyOutages outages) : RateLimiter
{
    // The Redis limiter reports itself always idle; the local one is idle only with no window counting, so the
    // partition is not evicted (and its local counts lost) in the middle of an outage.
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    // The Redis limiter cannot decide synchronously (it always refuses here, sending the middleware to AcquireAsync,
    // which decides and counts); a local refusal here is decided again there, so only a grant is counted here.
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (connection.IsConnected)
        {
            return redis.AttemptAcquire(permitCount);
        }

        var lease = local.AttemptAcquire(permitCount);
        if (lease.IsAcquired)
        {
            outages.RateLimitedLocally(null);
        }

        return lease;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
        {
            return Local(permitCount, null);
        }

        try
        {
            var lease = await redis.AcquireAsync(permitCount, cancellationToken);
            outages.RateLimitedInRedis();
            return lease;
        }
        // The Redis limiter does nothing but call Redis, so any failure of it (other than the caller giving up) is a
        // Redis failure: besides its connection and timeout exceptions, StackExchange.Redis surfaces a connection torn
        // down in the middle of a read as a bare InvalidOperationException from its pipe (seen in CI under load), which
        // must not turn a request into a 500.
        catch (Exception e) when (!e.IsCancellationOf(cancellationToken))
        {
            return Local(permitCount, e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            redis.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await redis.DisposeAsync();
        await local.DisposeAsync();
    }

    private RateLimitLease Local(int permitCount, Exception? cause)
    {
        outages.RateLimitedLocally(cause);
        return local.AttemptAcquire(permitCount);
    }
}
