using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// The embedded adapter of the analytics port: one SQLite table <c>analytics_points</c> (measurement, series key,
/// time in Unix nanoseconds, tags and fields as JSON) in its own file. A point's identity is measurement + tag set
/// + time as in InfluxDB, and writing it again merges the fields, so a redelivered batch overwrites its own points.
/// Writes are local and immediate (concurrent ones share a transaction, and queries first write what is queued), so
/// nothing is dropped; <see cref="WriteAsync"/> completes once the transaction holding its points has committed.
/// </summary>
public sealed partial class SqliteAnalyticsStore : IAnalyticsStore
{
    private const int MaxRowsPerTransaction = 5_000;

    private const string UpsertSql = """
        INSERT INTO analytics_points (measurement, series, time, tags, fields) VALUES ($m, $s, $t, $tags, $fields)
        ON CONFLICT (measurement, series, time) DO UPDATE SET fields = json_patch(fields, excluded.fields)
        """;

    private readonly SqliteFile _file;
    private readonly ConcurrentQueue<PendingRow> _pending = new();
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

    /// <summary>
    /// Queues the points and writes whatever is queued if no other writer is at it; otherwise the writer that is
    /// takes them in its next transaction (it looks again after passing its turn on). Under load many events'
    /// points share one transaction instead of each paying for its own.
    /// </summary>
    public int Write(IReadOnlyList<AnalyticsPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        // Encoding validates every point, so a bad one throws here, before anything of the call is queued.
        var rows = points.Select(Row).ToList();
        foreach (var row in rows)
        {
            _pending.Enqueue(row);
        }

        while (!_pending.IsEmpty && _file.TryTakeTurn(out var turn))
        {
            using (turn)
            {
                WritePending();
            }
        }

        return rows.Count;
    }

    /// <summary>
    /// Writes through the file's group commit (<see cref="SqliteFile.WriteAsync{T}"/>), which lets concurrent callers
    /// share a transaction and answers each after the commit that holds its rows, and throws if that commit failed.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<AnalyticsPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var rows = points.Select(Row).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await _file.WriteAsync(
            writer =>
            {
                foreach (var row in rows)
                {
                    var command = writer.Statement(UpsertSql);
                    command.Parameters.AddWithValue("$m", row.Measurement);
                    command.Parameters.AddWithValue("$s", row.Series);
                    command.Parameters.AddWithValue("$t", row.Time);
                    command.Parameters.AddWithValue("$tags", row.Tags);
                    command.Parameters.AddWithValue("$fields", row.Fields);
                    command.ExecuteNonQuery();
                }

                return rows.Count;
            },
            cancellationToken);
        Interlocked.Add(ref _written, rows.Count);
    }

    /// <summary>Completes when every point queued before the call is in the file.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        using var turn = await _file.WaitToWriteAsync(cancellationToken);
        WritePending();
    }

    public async Task<IReadOnlyList<AnalyticsBucket>> AggregateAsync(AnalyticsAggregate query, CancellationToken cancellationToken = default)
    {
        var window = AnalyticsBuckets.Validate(query);
        await FlushAsync(cancellationToken);
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
        await FlushAsync(cancellationToken);
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
        // Points queued before the delete are deleted with the rest.
        WritePending();
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

    private static PendingRow Row(AnalyticsPoint point)
    {
        var line = LineProtocol.Encode(point);
        var presentTags = point.Tags.Where(t => !string.IsNullOrEmpty(t.Value)).OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value);
        // The tag set as line protocol writes it is a canonical series key.
        return new PendingRow(point.Measurement, SeriesKey(line), point.UnixNanoseconds, JsonSerializer.Serialize(presentTags), JsonSerializer.Serialize(point.Fields));
    }

    // Called with the turn to write held; a long queue is written in bounded transactions.
    private void WritePending()
    {
        while (!_pending.IsEmpty)
        {
            WriteTransaction();
        }
    }

    private void WriteTransaction()
    {
        using var connection = _file.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = UpsertSql;
        var measurement = command.Parameters.Add("$m", SqliteType.Text);
        var series = command.Parameters.Add("$s", SqliteType.Text);
        var time = command.Parameters.Add("$t", SqliteType.Integer);
        var tags = command.Parameters.Add("$tags", SqliteType.Text);
        var fields = command.Parameters.Add("$fields", SqliteType.Text);
        var written = 0;
        while (written < MaxRowsPerTransaction && _pending.TryDequeue(out var row))
        {
            measurement.Value = row.Measurement;
            series.Value = row.Series;
            time.Value = row.Time;
            tags.Value = row.Tags;
            fields.Value = row.Fields;
            command.ExecuteNonQuery();
            written++;
        }

        transaction.Commit();
        Interlocked.Add(ref _written, written);
    }

    private readonly record struct PendingRow(string Measurement, string Series, long Time, string Tags, string Fields);

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
