namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>
/// Request for one metric over [<c>From</c>, <c>To</c>) in windows of <c>WindowSeconds</c>; answered with
/// <see cref="AnalyticsMetricSeries"/> or <see cref="AnalyticsMetricRejected"/>.
/// </summary>
public sealed record GetAnalyticsMetric(string Metric, DateTimeOffset From, DateTimeOffset To, long WindowSeconds, string? RequestId);
