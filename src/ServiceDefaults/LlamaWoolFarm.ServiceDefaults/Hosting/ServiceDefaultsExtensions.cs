using System.Text.Json;
using LlamaWoolFarm.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using StackExchange.Redis;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>What every process of the system has: logging, health endpoints, Redis when configured.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Serilog to the console (JSON when <c>Serilog:Json</c> is true, as in containers) with the request id,
    /// command id and service name on every line, health checks, and a Redis connection when
    /// <c>ConnectionStrings:redis</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        var json = builder.Configuration.GetValue("Serilog:Json", false);
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.MinimumLevel.Information()
                    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                    .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
                    .ReadFrom.Configuration(builder.Configuration)
                    .Enrich.FromLogContext()
                    .Enrich.WithProperty("Service", serviceName);
                if (json)
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    logger.WriteTo.Console(
                        outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Service} {RequestId}{CommandId} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                        formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }
            },
            preserveStaticLogger: true);

        builder.AddTelemetry(serviceName);
        builder.Services.AddHealthChecks();
        builder.Services.AddReadinessChecks();
        var redis = builder.Configuration.GetConnectionString("redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Starts even while Redis is down and never lets a caller wait long for it; readiness reports it until it answers.
            var options = RedisConnection.Options(redis);
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        }

        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> answers while the process runs, whatever its dependencies do; <c>/health/ready</c> runs
    /// the checks tagged ready (bus, stores), each time-boxed, and answers 503 while one of them is unhealthy (the
    /// broker unreachable, Redis down); <c>/metrics</c> is the Prometheus scrape. All anonymous.
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapTelemetry();
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
