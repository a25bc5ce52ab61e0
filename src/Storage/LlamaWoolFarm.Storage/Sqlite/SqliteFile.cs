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
/// </remarks>
public sealed class SqliteFile
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly SemaphoreSlim _writeGate;

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

        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in WAL mode.
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
        return connection;
    }

    /// <summary>Waits for this process's turn to write the file; dispose the result to pass the turn on.</summary>
    public async ValueTask<WriteTurn> WaitToWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new WriteTurn(_writeGate);
    }

    /// <summary>The synchronous form of <see cref="WaitToWriteAsync"/> for synchronous writers.</summary>
    public WriteTurn WaitToWrite()
    {
        _writeGate.Wait();
        return new WriteTurn(_writeGate);
    }

    /// <summary>Takes the turn to write only if nobody holds it now.</summary>
    public bool TryTakeTurn(out WriteTurn turn)
    {
        turn = new WriteTurn(_writeGate);
        return _writeGate.Wait(0);
    }

    public readonly struct WriteTurn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
