namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>
/// One bucket of a metric. For retention, <c>Start</c> is the cohort day, <c>Value</c> the retained share (0–1),
/// <c>Cohort</c> the players first seen that day and <c>Complete</c> false while the return day has not ended.
/// </summary>
public sealed record AnalyticsMetricPoint(DateTimeOffset Start, double Value, long? Cohort = null, bool Complete = true);
