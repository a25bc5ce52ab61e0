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
/// every <see cref="CheckpointEvery"/> writes a passive checkpoint runs on the thread pool, beside the writers.
/// </para>
/// </remarks>
public sealed class SqliteFile
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>How many writes pass between two background checkpoints.</summary>
    public const int CheckpointEvery = 256;

    private readonly SemaphoreSlim _writeGate;
    private readonly SqliteGroupCommit _groupCommit;
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
    /// the connection it is given and must not start or end transactions itself.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken) =>
        _groupCommit.RunAsync(write, cancellationToken);

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
            _ = Task.Run(Checkpoint);
        }
    }

    private void Checkpoint()
    {
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            // PASSIVE copies what no reader still needs without taking the write lock; what it leaves, the next one takes.
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
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

    /// <summary>This process's turn to write the file; disposing it passes the turn on.</summary>
    public readonly struct WriteTurn(SqliteFile file) : IDisposable
    {
        public void Dispose() => file.PassTurn();
    }
}
