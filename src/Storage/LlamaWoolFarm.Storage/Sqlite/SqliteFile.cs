using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>
/// How every embedded SQLite store of the project opens its file and takes its turn to write.
/// </summary>
/// <remarks>
/// SQLite admits one writer per file. When two connections of one process write at once, the loser gets
/// SQLITE_BUSY and Microsoft.Data.Sqlite retries it after a fixed 150 ms sleep on a pool thread, which under load
/// turned milliseconds of work into seconds of queueing. So writers of one process wait their turn on an async gate
/// per file (no thread blocked, no BUSY), and SQLite's own short-backoff busy handler covers writers of other
/// processes sharing the file.
/// <para>
/// Checkpoints (copying the write-ahead log back into the database, with an fsync) are taken off the write path:
/// SQLite's automatic checkpoint runs inside the commit that crosses the threshold, holding the file's only write
/// lock for the whole flush, which stalled every writer behind it. Connections opened here have it turned off and
/// every <see cref="CheckpointEvery"/> writes a checkpoint runs on a thread of its own: passive rounds beside the
/// writers, then a short restart of the log with this process's writers held back.
/// </para>
/// <para>
/// All of this process's writes of the file go through one long-lived <see cref="SqliteWriter"/>, whose page cache
/// and compiled statements survive from one write to the next.
/// </para>
/// </remarks>
public sealed class SqliteFile : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>How many writes pass between two background checkpoints.</summary>
    /// <remarks>
    /// Fewer checkpoints would copy a page written again in between only once, and 2,048 turns gave 1.3x the commands
    /// per second in single runs; but the push history's log then grew to 650 MB in a minute (docs/performance.md,
    /// "Fourth wave"), so the interval stays until the trigger counts the log's frames instead of turns.
    /// </remarks>
    public const int CheckpointEvery = 256;

    /// <summary>The writer's page cache in KiB (SQLite's default is 2,000): it holds the b-tree pages every write walks.</summary>
    /// <remarks>
    /// The writer is the only connection whose cache survives writes (a reader's is dropped by every commit of
    /// another connection), and with the default 2 MB the upper and leaf pages of a growing table's id index (a command
    /// record per game command, keyed by a random id) no longer fit, so inserts read pages back from the log or the
    /// file. The cache grows only as pages are used, so a small file costs little.
    /// </remarks>
    private const int WriterCacheKib = 65_536;

    /// <summary>Frames a passive checkpoint may leave for the restart, which holds this process's writers back while it copies them.</summary>
    private const int RestartBacklog = 256;

    private const int RestartWaitMilliseconds = 100;

    private readonly SemaphoreSlim _writeGate;
    private readonly SqliteGroupCommit _groupCommit;
    private readonly string _writerConnectionString;
    private SqliteWriter? _writer;
    private bool _disposed;
    private int _writesSinceCheckpoint;
    private int _checkpointing;

    public SqliteFile(string databasePath)
    {
        var fullPath = Path.GetFullPath(databasePath);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writerConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString();
        _writeGate = WriteGates.GetOrAdd(fullPath, _ => new SemaphoreSlim(1, 1));
        _groupCommit = new SqliteGroupCommit(this);

        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL lets readers proceed during a write (the mode is kept in the file). NORMAL sync, set on every
        // connection (Configure), is durable across process crashes in WAL mode; a power cut can undo the last
        // commits before a checkpoint, never corrupt the file.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Configure(connection);
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        Configure(connection);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a transaction shared with the writes other callers queued meanwhile
    /// (<see cref="SqliteGroupCommit"/>); completes after that transaction committed. The write must only use
    /// the writer it is given and must not start or end transactions itself.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriter, T> write, CancellationToken cancellationToken) =>
        _groupCommit.RunAsync(write, cancellationToken);

    /// <summary>This process's writer of the file (opened on first use); only the holder of the write turn may use it.</summary>
    internal SqliteWriter Writer()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);

        var connection = new SqliteConnection(_writerConnectionString);
        connection.Open();
        Configure(connection);
        if (SQLitePCL.raw.sqlite3_exec(connection.Handle, $"PRAGMA cache_size=-{WriterCacheKib}") != SQLitePCL.raw.SQLITE_OK)
        {
            throw new InvalidOperationException("SQLite refused PRAGMA cache_size.");
        }
        _writer = new SqliteWriter(connection);
        return _writer;
    }

    /// <summary>The writer if one is open.</summary>
    internal SqliteWriter? WriterIfOpen => _writer;

    /// <summary>Closes the writer after a failure that may have left it mid-transaction; the next write opens a new one.</summary>
    internal void DiscardWriter()
    {
        _writer?.Close();
        _writer = null;
    }

    /// <summary>Closes this process's writer of the file once the writes in progress are done.</summary>
    public void Dispose()
    {
        using (WaitToWrite())
        {
            _disposed = true;
            DiscardWriter();
        }
    }

    /// <summary>Waits for this process's turn to write the file; dispose the result to pass the turn on.</summary>
    public async ValueTask<WriteTurn> WaitToWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new WriteTurn(this);
    }

    /// <summary>The synchronous form of <see cref="WaitToWriteAsync"/> for synchronous writers.</summary>
    public WriteTurn WaitToWrite()
    {
        _writeGate.Wait();
        return new WriteTurn(this);
    }

    /// <summary>Takes the turn to write only if nobody holds it now.</summary>
    public bool TryTakeTurn(out WriteTurn turn)
    {
        turn = new WriteTurn(this);
        return _writeGate.Wait(0);
    }

    private static void Configure(SqliteConnection connection)
    {
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
        SQLitePCL.raw.sqlite3_wal_autocheckpoint(connection.Handle, 0);
        // synchronous is a setting of each connection, not of the file: set on the first connection only, every
        // pooled connection after it committed with FULL, an fsync per commit.
        if (SQLitePCL.raw.sqlite3_exec(connection.Handle, "PRAGMA synchronous=NORMAL") != SQLitePCL.raw.SQLITE_OK)
        {
            throw new InvalidOperationException("SQLite refused PRAGMA synchronous=NORMAL.");
        }
    }

    private void PassTurn()
    {
        _writeGate.Release();
        if (Interlocked.Increment(ref _writesSinceCheckpoint) >= CheckpointEvery && Interlocked.CompareExchange(ref _checkpointing, 1, 0) == 0)
        {
            Interlocked.Exchange(ref _writesSinceCheckpoint, 0);
            // A thread of its own: queued on a busy thread pool, checkpoints fell behind and the log grew meanwhile.
            _ = Task.Factory.StartNew(Checkpoint, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private void Checkpoint()
    {
        try
        {
            // PASSIVE copies what no reader still needs without taking the write lock, beside the writers; while it
            // copies, the writers add more, so it runs again until little is left.
            using (var connection = Open())
            {
                for (var round = 0; round < 4 && WalCheckpoint(connection, "PASSIVE") > RestartBacklog; round++)
                {
                }
            }

            // Under a steady write load the log never empties by itself: a writer starts the log over only when a
            // checkpoint has copied all of it, and a new commit always landed in between. It grew without end (1.4 GB
            // in 20 s of save uploads) and every page lookup searched its whole index. So, with this process's
            // writers held back for a moment, a RESTART copies the few frames the passive rounds left and waits out
            // the readers still on the log; the next commit writes the log from its start again.
            using (WaitToWrite())
            {
                // A checkpoint that started as the file was disposed must not open a writer again.
                if (_disposed)
                {
                    return;
                }

                // Waiting on a long reader of another process would hold every writer here: give up soon instead,
                // the next checkpoint tries again.
                var writer = Writer().Connection;
                SQLitePCL.raw.sqlite3_busy_timeout(writer.Handle, RestartWaitMilliseconds);
                try
                {
                    WalCheckpoint(writer, "RESTART");
                }
                finally
                {
                    SQLitePCL.raw.sqlite3_busy_timeout(writer.Handle, BusyTimeoutMilliseconds);
                }
            }
        }
        catch (SqliteException)
        {
            // A checkpoint that could not run (the file busy in another process) leaves the log longer; the next one catches up.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    /// <summary>Runs a checkpoint; the frames of the log it could not copy.</summary>
    private static long WalCheckpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var result = command.ExecuteReader();
        // One row: busy, frames in the log, frames copied (-1 and -1 when the file is not in WAL mode).
        return result.Read() ? Math.Max(0, result.GetInt64(1) - result.GetInt64(2)) : 0;
    }

    /// <summary>This process's turn to write the file; disposing it passes the turn on.</summary>
    public readonly struct WriteTurn(SqliteFile file) : IDisposable
    {
        public void Dispose() => file.PassTurn();
    }
}
