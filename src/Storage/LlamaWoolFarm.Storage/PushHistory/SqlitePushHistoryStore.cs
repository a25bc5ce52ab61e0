using LlamaWoolFarm.Storage.Sqlite;

namespace LlamaWoolFarm.Storage.PushHistory;

/// <summary>
/// Push history in an embedded SQLite file (Standalone): a counter row per player and a row per kept push. An append
/// is one write of the file's group commit (pushes relayed together share a transaction), and it trims the player's
/// rows to <see cref="PushHistoryOptions.Length"/>; every <see cref="SweepEvery"/> appends, players idle past
/// <see cref="PushHistoryOptions.Retention"/> go as well, so the file follows the active players.
/// </summary>
public sealed class SqlitePushHistoryStore : IPushHistoryStore, IDisposable
{
    /// <summary>How many appends pass between two sweeps of histories past retention.</summary>
    public const int SweepEvery = 1024;

    private const string FindKnown = "SELECT seq FROM push_history WHERE player = $player AND id = $id";

    private const string NextSeq = """
        INSERT INTO push_sequences (player, seq, touched_at) VALUES ($player, $start + 1, $now)
        ON CONFLICT (player) DO UPDATE SET seq = seq + 1, touched_at = excluded.touched_at
        RETURNING seq
        """;

    private const string Keep = """
        INSERT INTO push_history (player, seq, id, type, ts, data) VALUES ($player, $seq, $id, $type, $ts, $data)
        """;

    private const string Trim = "DELETE FROM push_history WHERE player = $player AND seq <= $oldest";

    private const string Latest = """
        INSERT INTO push_sequences (player, seq, touched_at) VALUES ($player, $start, $now)
        ON CONFLICT (player) DO UPDATE SET seq = seq
        RETURNING seq
        """;

    private const string KeptAfter = "SELECT seq, type, id, ts, data FROM push_history WHERE player = $player AND seq > $last ORDER BY seq";

    private const string SweepHistory = "DELETE FROM push_history WHERE ts < $cutoff";

    private const string SweepSequences = "DELETE FROM push_sequences WHERE touched_at < $cutoff";

    private readonly SqliteFile _file;
    private readonly PushHistoryOptions _options;
    private readonly TimeProvider _clock;
    private int _appendsSinceSweep;

    public SqlitePushHistoryStore(string databasePath, PushHistoryOptions options, TimeProvider clock)
    {
        _file = new SqliteFile(databasePath);
        _options = options;
        _clock = clock;

        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS push_sequences (
                player TEXT PRIMARY KEY,
                seq INTEGER NOT NULL,
                touched_at INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS push_history (
                player TEXT NOT NULL,
                seq INTEGER NOT NULL,
                id TEXT NOT NULL,
                type TEXT NOT NULL,
                ts INTEGER NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (player, seq)) WITHOUT ROWID;
            CREATE UNIQUE INDEX IF NOT EXISTS push_history_by_id ON push_history (player, id);
            CREATE INDEX IF NOT EXISTS push_history_by_ts ON push_history (ts);
            """;
        command.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<long>> AppendAsync(Guid playerId, IReadOnlyList<PushRecord> pushes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pushes.Count);
        var now = _clock.GetUtcNow();
        var sweep = Interlocked.Add(ref _appendsSinceSweep, pushes.Count) % SweepEvery < pushes.Count;
        return _file.WriteAsync<IReadOnlyList<long>>(writer =>
        {
            var player = playerId.ToString("N");
            var numbers = new long[pushes.Count];
            for (var i = 0; i < pushes.Count; i++)
            {
                numbers[i] = Keep1(writer, player, pushes[i], now);
            }

            var trim = writer.Statement(Trim);
            trim.Parameters.AddWithValue("$player", player);
            trim.Parameters.AddWithValue("$oldest", numbers.Max() - _options.Length);
            trim.ExecuteNonQuery();

            if (sweep)
            {
                Sweep(writer, (now - _options.Retention).UtcTicks);
            }

            return numbers;
        }, cancellationToken);
    }

    public async Task<PushReplay> ReadAfterAsync(Guid playerId, long lastSeq, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastSeq);
        var now = _clock.GetUtcNow();
        // Through the writer: a player without a counter gets one here, in the same step as the read.
        var (latest, kept) = await _file.WriteAsync(writer =>
        {
            var player = playerId.ToString("N");
            var latestCommand = writer.Statement(Latest);
            latestCommand.Parameters.AddWithValue("$player", player);
            latestCommand.Parameters.AddWithValue("$start", now.ToUnixTimeMilliseconds());
            latestCommand.Parameters.AddWithValue("$now", now.UtcTicks);
            var latest = (long)latestCommand.ExecuteScalar()!;

            var rows = new List<SequencedPush>();
            if (lastSeq < latest)
            {
                var after = writer.Statement(KeptAfter);
                after.Parameters.AddWithValue("$player", player);
                after.Parameters.AddWithValue("$last", lastSeq);
                using var reader = after.ExecuteReader();
                while (reader.Read())
                {
                    var timestamp = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero);
                    rows.Add(new SequencedPush(reader.GetInt64(0), new PushRecord(reader.GetString(1), reader.GetString(2), timestamp, reader.GetString(4))));
                }
            }

            return (latest, rows);
        }, cancellationToken);
        return PushReplay.For(lastSeq, latest, kept, now - _options.Retention);
    }

    public void Dispose() => _file.Dispose();

    // Numbers and keeps one push, or answers the number it was kept under (a redelivered event).
    private static long Keep1(SqliteWriter writer, string player, PushRecord push, DateTimeOffset now)
    {
        var known = writer.Statement(FindKnown);
        known.Parameters.AddWithValue("$player", player);
        known.Parameters.AddWithValue("$id", push.Id);
        if (known.ExecuteScalar() is long seen)
        {
            return seen;
        }

        var next = writer.Statement(NextSeq);
        next.Parameters.AddWithValue("$player", player);
        next.Parameters.AddWithValue("$start", now.ToUnixTimeMilliseconds());
        next.Parameters.AddWithValue("$now", now.UtcTicks);
        var seq = (long)next.ExecuteScalar()!;

        var keep = writer.Statement(Keep);
        keep.Parameters.AddWithValue("$player", player);
        keep.Parameters.AddWithValue("$seq", seq);
        keep.Parameters.AddWithValue("$id", push.Id);
        keep.Parameters.AddWithValue("$type", push.Type);
        keep.Parameters.AddWithValue("$ts", push.Timestamp.UtcTicks);
        keep.Parameters.AddWithValue("$data", push.Data);
        keep.ExecuteNonQuery();
        return seq;
    }

    private static void Sweep(SqliteWriter writer, long cutoffTicks)
    {
        foreach (var sql in new[] { SweepHistory, SweepSequences })
        {
            var command = writer.Statement(sql);
            command.Parameters.AddWithValue("$cutoff", cutoffTicks);
            command.ExecuteNonQuery();
        }
    }
}
