namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// One point of a time series. A point is identified by measurement, tag set and timestamp: writing the same
/// identity again merges its fields (InfluxDB's rule, which the SQLite adapter follows), so a redelivered event
/// never counts twice. Field values are <see cref="long"/>, <see cref="int"/>, finite <see cref="double"/>,
/// <see cref="bool"/> or <see cref="string"/>; tags with an empty value are left out.
/// </summary>
public sealed record AnalyticsPoint(
    string Measurement,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, object> Fields,
    DateTimeOffset Timestamp)
{
    /// <summary>Nanoseconds since the Unix epoch, the precision both adapters store.</summary>
    public long UnixNanoseconds => ToUnixNanoseconds(Timestamp);

    public static long ToUnixNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public static DateTimeOffset FromUnixNanoseconds(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);
}
