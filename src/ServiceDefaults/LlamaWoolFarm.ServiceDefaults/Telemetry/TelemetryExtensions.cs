using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LlamaWoolFarm.ServiceDefaults.Telemetry;

/// <summary>Traces and metrics of every process.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces across HTTP → bus → worker → realtime (ASP.NET Core, HttpClient, MassTransit, Redis) and
    /// metrics (request rate and latency, MassTransit consumer throughput, the game's own counters), scraped at
    /// <c>/metrics</c>; exported over OTLP too when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var ratio = builder.Configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
        if (ratio is < 0 or > 1 || double.IsNaN(ratio))
        {
            throw new OptionsValidationException("Telemetry", typeof(double), ["Telemetry:TraceSampleRatio must be between 0 and 1."]);
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("llamawoolfarm-" + serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(DiagnosticHeaders.DefaultListenerName)
                    .AddSource(GameMetrics.MeterName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                        && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis")))
                {
                    tracing.AddRedisInstrumentation();
                }

                if (otlp)
                {
                    // The caller's decision stands (one trace is whole or absent across processes); roots are sampled.
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                        .AddOtlpExporter();
                }
                else
                {
                    // Nobody receives spans: recording them cost a few percent of CPU per command for nothing. Trace
                    // and span ids still flow (propagation-only activities), so log lines keep their trace id.
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(InstrumentationOptions.MeterName)
                    .AddMeter(GameMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        builder.Services.AddSingleton<GameMetrics>();
        return builder;
    }

    /// <summary>The Prometheus scraping endpoint <c>/metrics</c>: anonymous, meant for the cluster network only.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
