using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// The embedded adapter of the analytics port: one SQLite table <c>analytics_points</c> (measurement, series key,
/// time in Unix nanoseconds, tags and fields as JSON) in its own file. A point's identity is measurement + tag set
/// + time as in InfluxDB, and writing it again merges the fields. Writes are local and immediate, so nothing is
/// buffered or dropped.
/// </summary>
public sealed partial class SqliteAnalyticsStore : IAnalyticsStore
{
    private readonly SqliteFile _file;
    private long _written;

    public SqliteAnalyticsStore(string databasePath)
    {
        _file = new SqliteFile(databasePath);

        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS analytics_points (
                measurement TEXT NOT NULL,
                series TEXT NOT NULL,
                time INTEGER NOT NULL,
                tags TEXT NOT NULL,
                fields TEXT NOT NULL,
                PRIMARY KEY (measurement, series, time)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS analytics_points_by_time ON analytics_points (measurement, time);
            """;
        command.ExecuteNonQuery();
    }

    public AnalyticsWriteStats Stats => new(Interlocked.Read(ref _written), Interlocked.Read(ref _written), 0, 0, 0);

    public int Write(IReadOnlyList<AnalyticsPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var rows = points.Select(p => (Point: p, Line: LineProtocol.Encode(p))).ToList();
        using var connection = _file.Open();
        using var turn = _file.WaitToWrite();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO analytics_points (measurement, series, time, tags, fields) VALUES ($m, $s, $t, $tags, $fields)
            ON CONFLICT (measurement, series, time) DO UPDATE SET fields = json_patch(fields, excluded.fields)
            """;
        var measurement = command.Parameters.Add("$m", SqliteType.Text);
        var series = command.Parameters.Add("$s", SqliteType.Text);
        var time = command.Parameters.Add("$t", SqliteType.Integer);
        var tags = command.Parameters.Add("$tags", SqliteType.Text);
        var fields = command.Parameters.Add("$fields", SqliteType.Text);
        foreach (var (point, line) in rows)
        {
            var presentTags = point.Tags.Where(t => !string.IsNullOrEmpty(t.Value)).OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value);
            measurement.Value = point.Measurement;
            // The tag set as line protocol writes it is a canonical series key.
            series.Value = SeriesKey(line);
            time.Value = point.UnixNanoseconds;
            tags.Value = JsonSerializer.Serialize(presentTags);
            fields.Value = JsonSerializer.Serialize(point.Fields);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        Interlocked.Add(ref _written, rows.Count);
        return rows.Count;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<IReadOnlyList<AnalyticsBucket>> AggregateAsync(AnalyticsAggregate query, CancellationToken cancellationToken = default)
    {
        var window = AnalyticsBuckets.Validate(query);
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var field = Extract(command, "fields", query.Field);
        var function = query.Function switch
        {
            AggregateFunction.Count => $"COUNT({field})",
            AggregateFunction.Sum => $"TOTAL({field})",
            _ => $"COUNT(DISTINCT {field})",
        };
        var where = "measurement = $m AND time >= $from AND time < $to";
        var i = 0;
        foreach (var (key, value) in query.Tags ?? new Dictionary<string, string>())
        {
            where += $" AND {Extract(command, "tags", key)} = $tag{i}";
            command.Parameters.AddWithValue($"$tag{i++}", value);
        }

        // Integer division floors for the non-negative times stored, which aligns buckets to the epoch like InfluxDB.
        command.CommandText = $"SELECT (time / $w) * $w AS bucket, {function} FROM analytics_points WHERE {where} GROUP BY bucket";
        command.Parameters.AddWithValue("$w", window);
        command.Parameters.AddWithValue("$m", query.Measurement);
        command.Parameters.AddWithValue("$from", AnalyticsPoint.ToUnixNanoseconds(query.From));
        command.Parameters.AddWithValue("$to", AnalyticsPoint.ToUnixNanoseconds(query.To));
        var values = new Dictionary<long, double>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values[reader.GetInt64(0)] = reader.GetDouble(1);
        }

        return AnalyticsBuckets.Fill(query, values);
    }

    public async Task<IReadOnlySet<string>> DistinctAsync(string measurement, string field, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var value = Extract(command, "fields", field);
        command.CommandText = $"SELECT DISTINCT {value} FROM analytics_points WHERE measurement = $m AND time >= $from AND time < $to AND {value} IS NOT NULL";
        command.Parameters.AddWithValue("$m", measurement);
        command.Parameters.AddWithValue("$from", AnalyticsPoint.ToUnixNanoseconds(from));
        command.Parameters.AddWithValue("$to", AnalyticsPoint.ToUnixNanoseconds(to));
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public async Task DeleteByTagAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM analytics_points WHERE {Extract(command, "tags", key)} = $v";
        command.Parameters.AddWithValue("$v", value);
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _file.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM analytics_points WHERE 0";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    // The measurement and tags part of a line: everything up to the first unescaped space.
    private static string SeriesKey(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == ' ')
            {
                return line[..i];
            }
        }

        return line;
    }

    // A plain key becomes a JSON path (indexable, fast); any other key is matched as a parameter, never spliced in.
    private static string Extract(SqliteCommand command, string column, string key)
    {
        if (PlainKey().IsMatch(key))
        {
            return $"json_extract({column}, '$.\"{key}\"')";
        }

        var parameter = $"$key{command.Parameters.Count}";
        command.Parameters.AddWithValue(parameter, key);
        return $"(SELECT value FROM json_each({column}) WHERE key = {parameter})";
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex PlainKey();
}
