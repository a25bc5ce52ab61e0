namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>A metric request the analytics worker could not answer; <c>Code</c> is one of <see cref="AnalyticsErrorCodes"/>.</summary>
public sealed record AnalyticsMetricRejected(string Code, string Message);
