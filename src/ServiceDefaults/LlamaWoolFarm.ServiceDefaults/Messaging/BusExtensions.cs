using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>The one way every process joins the message bus.</summary>
public static class BusExtensions
{
    /// <summary>
    /// Adds MassTransit on the transport named by <c>Messaging:Transport</c>, with kebab-case queue names, usage
    /// telemetry off, and the default receive policy on every endpoint: immediate then backed-off retries, an
    /// in-memory outbox (events leave only when the consumer succeeded), a kill switch, and the <c>_error</c> queue.
    /// Accepted commands go through <see cref="IAcceptedCommands"/>: straight to the bus (broker-confirmed on RabbitMQ)
    /// unless the host chose the command outbox.
    /// </summary>
    public static IHostApplicationBuilder AddBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        builder.Services.AddSettings<MessagingOptions>(MessagingOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingConnectionRule>();
        // The transport is chosen now; the rest is read from the validated settings when the bus is built.
        var transport = builder.Configuration.ReadSettings<MessagingOptions>(MessagingOptions.SectionName).Transport;
        var scheduler = MessageSchedulerEndpoint.From(builder.Configuration);
        builder.Services.AddSingleton(scheduler);
        // A host with an outbox (AddCommandOutbox) has replaced this or will.
        builder.Services.TryAddSingleton<IAcceptedCommands, ConfirmedCommands>();
        // Backpressure: gateways read the bound, game workers count their command flow and read queue depths (a host
        // with an outbox counts depths there instead).
        builder.Services.AddSettings<BackpressureOptions>(BackpressureOptions.SectionName);
        builder.Services.TryAddSingleton<CommandFlow>();
        if (transport == TransportKind.RabbitMq)
        {
            builder.Services.TryAddSingleton<ICommandQueueDepth, RabbitMqQueueDepth>();
        }
        else
        {
            builder.Services.TryAddSingleton<ICommandQueueDepth, UnknownQueueDepth>();
        }

        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetKebabCaseEndpointNameFormatter();
            // Clients schedule through the scheduler worker's queue (Hangfire behind it); never the broker's delayed exchange.
            x.AddMessageScheduler(scheduler.Address);
            configure(x);

            if (transport == TransportKind.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var options = context.GetRequiredService<MessagingOptions>();
                    ConfigureHost(cfg, new Uri(builder.Configuration.GetConnectionString("rabbitmq")!));
                    cfg.PrefetchCount = options.PrefetchCount;
                    cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                    cfg.UseDefaultReceivePolicy(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    var options = context.GetRequiredService<MessagingOptions>();
                    cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                    cfg.UseDefaultReceivePolicy(context);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });

        // Graceful shutdown: the host waits for in-flight messages before the process exits.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }

    /// <summary>
    /// The receive policy of ARCHITECTURE §4. Retries cover only the faults <see cref="TransientFaults"/> names
    /// (optimistic-concurrency conflicts, timeouts, store and broker connection faults); what still fails lands in the endpoint's <c>_error</c> queue with the
    /// exception, so a poison message never blocks its queue.
    /// </summary>
    public static void UseDefaultReceivePolicy(this IBusFactoryConfigurator cfg, IBusRegistrationContext context)
    {
        cfg.UseKillSwitch(k => k.SetActivationThreshold(20).SetTripThreshold(0.2).SetRestartTimeout(s: 30));
        // Only buses built by AddBus know the scheduler; test harnesses without one keep plain retries.
        if (context.GetService<MessageSchedulerEndpoint>() is { } scheduler)
        {
            cfg.UseMessageScheduler(scheduler.Address);
            if (scheduler.Redelivery)
            {
                // Outermost: what the immediate retries could not fix comes back later through the scheduler worker;
                // faults no wait can fix (TransientFaults) go straight to the _error queue.
                cfg.UseScheduledRedelivery(r =>
                {
                    r.Handle<Exception>(TransientFaults.IsTransient);
                    r.Intervals(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));
                });
            }
        }

        // Outside the immediate retries: an accepted command leaves the outbox only when they are over and it succeeded.
        if (context.GetService<OutboxOptions>() is not null)
        {
            cfg.UseConsumeFilter(typeof(OutboxDeliveryFilter<>), context);
        }

        // Only faults that can pass with time are retried; a deterministic one (bad data, a bug) fails at once.
        cfg.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(8, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(40));
        });
        // The events a consumer published leave together when it succeeded, not one after another: on RabbitMQ each
        // publish waits for the broker's confirm, so a game command's three result events cost one confirm round trip
        // instead of three in a row. Their order was never a promise: an endpoint takes up to ConcurrentMessageLimit
        // messages at once, so arrival order never decided processing order.
        cfg.UseInMemoryOutbox(context, o => o.ConcurrentMessageDelivery = true);
        cfg.UseConsumeFilter(typeof(LogContextFilter<>), context);
    }

    private static void ConfigureHost(IRabbitMqBusFactoryConfigurator cfg, Uri uri)
    {
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var userInfo = uri.UserInfo.Split(':', 2);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
        cfg.Host(uri.Host, (ushort)port, string.IsNullOrEmpty(virtualHost) ? "/" : virtualHost, h =>
        {
            if (userInfo.Length == 2)
            {
                h.Username(Uri.UnescapeDataString(userInfo[0]));
                h.Password(Uri.UnescapeDataString(userInfo[1]));
            }

            if (uri.Scheme == "amqps")
            {
                h.UseSsl(s => s.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
            }
        });
    }
}
