using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// Watches the bus of a gateway on RabbitMQ (four times a second). While the broker is unreachable, MassTransit's
/// send and publish wait for a connection without end; the watch lets the gate refuse new API requests at once,
/// and cancels the requests already waiting when the connection drops.
/// </summary>
public sealed class BrokerWatch(IServiceProvider services, ILogger<BrokerWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly bool _enabled = services.GetService<MessagingOptions>()?.Transport == TransportKind.RabbitMq;
    private CancellationTokenSource _connected = new();
    private bool _seenUp;
    private volatile bool _down;

    /// <summary>True while the broker is unreachable (only ever on RabbitMQ: the in-memory transport cannot be).</summary>
    public bool IsDown => _down;

    /// <summary>Cancelled when the broker becomes unreachable; a new one is handed out once it is back.</summary>
    public CancellationToken Connected => _enabled ? Volatile.Read(ref _connected).Token : CancellationToken.None;

    /// <summary>Reads the bus health once and updates <see cref="IsDown"/> (the loop calls it; tests may too).</summary>
    public void Check()
    {
        var down = ReadinessChecks.IsDown(services.GetRequiredService<IBusControl>().CheckHealth());
        if (!down)
        {
            if (_down)
            {
                Interlocked.Exchange(ref _connected, new CancellationTokenSource()).Dispose();
                _down = false;
                logger.LogInformation("The message broker is reachable again; API requests are served.");
            }

            _seenUp = true;
            return;
        }

        // Before the bus first connected the host is still starting and serves nothing: no outage to report.
        if (_down || !_seenUp)
        {
            return;
        }

        _down = true;
        logger.LogWarning("The message broker is unreachable: API requests are answered 503 until it is back.");
        Volatile.Read(ref _connected).Cancel();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Check();
        }
    }
}

/// <summary>Wiring of <see cref="BrokerWatch"/>.</summary>
public static class BrokerGateExtensions
{
    /// <summary>
    /// Refuses API requests with 503 and <c>Retry-After</c> while the broker is unreachable, before anything runs
    /// (no idempotency key taken, nothing sent), and cancels a request still waiting on the broker when it drops, so
    /// it ends as the same 503 instead of hanging.
    /// </summary>
    public static IApplicationBuilder UseBrokerGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var watch = context.RequestServices.GetRequiredService<BrokerWatch>();
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || !watch.Connected.CanBeCanceled)
        {
            await next(context);
            return;
        }

        if (watch.IsDown)
        {
            await EnvelopeExtensions.WriteUnavailableAsync(context, DependencyFailures.Broker);
            return;
        }

        var aborted = context.RequestAborted;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, watch.Connected);
        context.RequestAborted = linked.Token;
        try
        {
            await next(context);
        }
        finally
        {
            // The envelope's exception handler must see whether the client left (aborted) or the broker did.
            context.RequestAborted = aborted;
        }
    });
}
