using System.Globalization;
using System.Threading.RateLimiting;
using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// Rate limits: every request counts against its player (or, without a token, its address); the credential
/// routes also count against the address under a stricter limit. With Redis sessions the windows live in Redis,
/// so every gateway replica enforces the same limits. A refusal is 429 with <c>Retry-After</c> in the envelope.
/// </summary>
public static class RateLimiting
{
    /// <summary>The stricter policy of the credential routes.</summary>
    public const string AuthPolicy = "auth";

    public static IHostApplicationBuilder AddGatewayRateLimiting(IHostApplicationBuilder builder)
    {
        var limits = SettingsValidator.Bind<RateLimitOptions>(builder.Configuration, RateLimitOptions.SectionName);
        var redis = SessionStorageExtensions.UsesRedisSessions(builder.Configuration);
        builder.Services.AddSingleton(limits);
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
            return RedisRateLimitPartition.GetFixedWindowRateLimiter(limits.KeyPrefix + key, _ => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => connection,
                PermitLimit = permits,
                Window = limits.Window,
            });
        }

        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = limits.Window,
            QueueLimit = 0,
        });
    }
}
