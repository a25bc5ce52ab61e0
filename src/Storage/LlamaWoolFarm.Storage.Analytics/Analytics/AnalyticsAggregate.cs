namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// An aggregate of one field of one measurement over [<c>From</c>, <c>To</c>) in buckets of <c>Window</c>,
/// optionally restricted to points carrying every tag of <c>Tags</c>. Buckets start at whole multiples of the
/// window since the Unix epoch (so a 1-day window is a UTC day), as InfluxDB's <c>GROUP BY time()</c> does.
/// </summary>
public sealed record AnalyticsAggregate(
    string Measurement,
    AggregateFunction Function,
    string Field,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Window,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>How the values of a field in one bucket become one number.</summary>
public enum AggregateFunction
{
    /// <summary>Points that have the field.</summary>
    Count,

    /// <summary>Sum of a numeric field.</summary>
    Sum,

    /// <summary>Different values of the field (e.g. distinct players).</summary>
    CountDistinct,
}

/// <summary>One bucket of an aggregate: its start and its value (0 when no point fell into it).</summary>
public sealed record AnalyticsBucket(DateTimeOffset Start, double Value);

/// <summary>What a time-series adapter has done with the points given to it since it started.</summary>
public sealed record AnalyticsWriteStats(long Accepted, long Written, long Buffered, long Dropped, long Rejected);
