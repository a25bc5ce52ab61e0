using System.Diagnostics;
using LlamaWoolFarm.ServiceDefaults.Telemetry;
using MassTransit.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>What the telemetry setup records: nothing without an exporter (ids still flow), the configured share with one.</summary>
[Collection(nameof(TraceSamplingTests))]
public sealed class TraceSamplingTests
{
    [Fact]
    public void Without_an_exporter_spans_carry_ids_but_are_not_recorded()
    {
        using var host = Build(new Dictionary<string, string?>());
        using var source = new ActivitySource(DiagnosticHeaders.DefaultListenerName);

        using var activity = source.StartActivity("consume");

        Assert.NotNull(activity);
        Assert.NotEqual(default, activity.TraceId);
        Assert.False(activity.Recorded);
    }

    [Fact]
    public void With_an_exporter_and_the_default_ratio_every_trace_is_recorded()
    {
        using var host = Build(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });
        using var source = new ActivitySource(DiagnosticHeaders.DefaultListenerName);

        using var activity = source.StartActivity("consume");

        Assert.True(activity!.Recorded);
    }

    [Fact]
    public void A_sample_ratio_outside_0_to_1_stops_the_process_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new Dictionary<string, string?> { ["Telemetry:TraceSampleRatio"] = "1.5" }));

        Assert.Contains("Telemetry:TraceSampleRatio", error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTelemetry("sampling-test");
        var host = builder.Build();
        // The tracer provider starts listening when it is first resolved.
        _ = host.Services.GetRequiredService<TracerProvider>();
        return host;
    }
}
