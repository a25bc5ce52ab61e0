namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>Bucket arithmetic both adapters share, so they answer the same buckets for the same query.</summary>
public static class AnalyticsBuckets
{
    /// <summary>The smallest window an aggregate may use.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);

    /// <summary>Start of the bucket holding <paramref name="unixNanoseconds"/>: a whole multiple of the window since the epoch.</summary>
    public static long Floor(long unixNanoseconds, long windowNanoseconds) =>
        unixNanoseconds >= 0 ? unixNanoseconds / windowNanoseconds * windowNanoseconds : ((unixNanoseconds + 1) / windowNanoseconds - 1) * windowNanoseconds;

    /// <summary>Checks a query and returns its window in nanoseconds.</summary>
    public static long Validate(AnalyticsAggregate query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To <= query.From)
        {
            throw new ArgumentException("An aggregate needs From before To.", nameof(query));
        }

        if (query.Window < MinWindow || query.Window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException("An aggregate window is at least one minute, in whole seconds.", nameof(query));
        }

        return query.Window.Ticks * 100;
    }

    /// <summary>Every bucket from the one holding <c>From</c> to the last one starting before <c>To</c>, with the values found.</summary>
    public static IReadOnlyList<AnalyticsBucket> Fill(AnalyticsAggregate query, IReadOnlyDictionary<long, double> values)
    {
        var window = Validate(query);
        var end = AnalyticsPoint.ToUnixNanoseconds(query.To);
        var buckets = new List<AnalyticsBucket>();
        for (var start = Floor(AnalyticsPoint.ToUnixNanoseconds(query.From), window); start < end; start += window)
        {
            buckets.Add(new AnalyticsBucket(AnalyticsPoint.FromUnixNanoseconds(start), values.GetValueOrDefault(start)));
        }

        return buckets;
    }
}
