namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// The analytics time-series port: write points, aggregate them by window. Two ways to write: <see cref="Write"/>
/// never waits for a server (points are buffered up to a bound and written in batches in the background, so an
/// unavailable store slows nothing; points beyond the bound are dropped and counted), and <see cref="WriteAsync"/>
/// completes only once the points are persisted, for callers that must not acknowledge data before it is stored.
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>
    /// Takes points for writing and returns how many were taken; the rest were dropped because the buffer is full
    /// (and are counted in <see cref="AnalyticsWriteStats.Dropped"/>). Throws <see cref="ArgumentException"/> for a
    /// point that cannot be represented (empty names, a backslash or line break in a name or tag, a non-finite number).
    /// </summary>
    int Write(IReadOnlyList<AnalyticsPoint> points);

    /// <summary>
    /// Writes the points and completes once they are persisted: InfluxDB answered the <c>/write</c> holding them
    /// with 2xx, or the SQLite transaction holding them committed. Nothing is buffered or dropped. Calls made at the
    /// same time may share one write; each completes with the write that holds its points. Throws
    /// <see cref="AnalyticsStoreUnavailableException"/> when the store could not take them (writing the same points
    /// again later is safe: a point's identity overwrites, see <see cref="AnalyticsPoint"/>),
    /// <see cref="InvalidDataException"/> when the server refused them as invalid (no retry can help), and
    /// <see cref="ArgumentException"/> for a point that cannot be represented.
    /// </summary>
    Task WriteAsync(IReadOnlyList<AnalyticsPoint> points, CancellationToken cancellationToken = default);

    /// <summary>Completes when every point taken before the call has been written (or refused by the server).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>The buckets of an aggregate from the one holding <c>From</c> up to <c>To</c>, empty buckets as 0.</summary>
    Task<IReadOnlyList<AnalyticsBucket>> AggregateAsync(AnalyticsAggregate query, CancellationToken cancellationToken = default);

    /// <summary>The different values of a field over [<paramref name="from"/>, <paramref name="to"/>), as text.</summary>
    Task<IReadOnlySet<string>> DistinctAsync(string measurement, string field, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Deletes every point, in every measurement, that carries the tag <paramref name="key"/>=<paramref name="value"/> (a player's data).</summary>
    Task DeleteByTagAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>True when the store answers now.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>Counters of the points given to this instance.</summary>
    AnalyticsWriteStats Stats { get; }
}
