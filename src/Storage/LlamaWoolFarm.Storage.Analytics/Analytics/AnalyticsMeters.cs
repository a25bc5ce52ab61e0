using System.Diagnostics.Metrics;

namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>Counters of the time-series writers, for the metrics endpoint.</summary>
internal static class AnalyticsMeters
{
    public const string MeterName = "LlamaWoolFarm.Analytics";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Written = Meter.CreateCounter<long>("lwf.analytics.points.written", description: "Analytics points written to the time-series store.");

    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>("lwf.analytics.points.dropped", description: "Analytics points dropped because the write buffer was full.");

    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("lwf.analytics.points.rejected", description: "Analytics points the time-series store refused as invalid.");
}
