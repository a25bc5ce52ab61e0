namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>The buckets of a metric, oldest first.</summary>
public sealed record AnalyticsMetricSeries(string Metric, DateTimeOffset From, DateTimeOffset To, long WindowSeconds, IReadOnlyList<AnalyticsMetricPoint> Points);
