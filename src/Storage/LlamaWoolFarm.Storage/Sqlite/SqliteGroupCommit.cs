using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>
/// Group commit for one SQLite file: writes queued by many callers at once run one after another in a single
/// transaction, each inside its own savepoint, and every caller is answered after the commit that holds its write.
/// </summary>
/// <remarks>
/// SQLite admits one writer per file and a commit costs far more than a small statement, so under load the
/// per-write transaction, not the statements, set the ceiling (every game command waited behind every other one's
/// commit). A write that finds the file idle runs at once on its caller's thread, in a transaction of its own; one
/// that finds others writing queues, and the first to queue drains the queue on the thread pool (no background
/// thread to keep alive), so writes that arrive together share a transaction. A savepoint per write keeps writes
/// independent: one that throws is rolled back alone and its caller gets the exception while the rest of the batch
/// commits. A failed commit fails the whole batch, and nothing of it is in the file.
/// </remarks>
internal sealed class SqliteGroupCommit(SqliteFile file)
{
    /// <summary>At most this many writes share a transaction, so one commit never holds the file for long.</summary>
    private const int MaxBatch = 128;

    private readonly ConcurrentQueue<IPendingWrite> _queue = new();
    private int _draining;

    public async Task<T> RunAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_queue.IsEmpty && Volatile.Read(ref _draining) == 0 && file.TryTakeTurn(out var turn))
        {
            // Nobody else is writing: the write runs at once on the caller's thread, in a transaction of its own.
            using (turn)
            {
                return await RunAloneAsync(write, cancellationToken);
            }
        }

        var pending = new PendingWrite<T>(write, cancellationToken);
        _queue.Enqueue(pending);
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                await DrainAsync();
            }
            finally
            {
                // Another caller may have queued after the last look and left, seeing a drainer at work: the loop
                // looks again once the drainer's mark is down.
                Volatile.Write(ref _draining, 0);
            }
        }

        return await pending.Task;
    }

    private async Task<T> RunAloneAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        Execute(connection, "BEGIN IMMEDIATE");
        T result;
        try
        {
            result = write(connection);
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }

        Execute(connection, "COMMIT");
        return result;
    }

    private async Task DrainAsync()
    {
        // The drainer steps off its caller's flow first, so writes that flow starts together (Task.WhenAll) and
        // writes of other threads arriving meanwhile join the first transaction instead of each waiting for the next.
        await Task.Yield();
        var batch = new List<IPendingWrite>(MaxBatch);
        while (!_queue.IsEmpty)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                if (!next.CancelIfRequested())
                {
                    batch.Add(next);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            using var turn = await file.WaitToWriteAsync(CancellationToken.None);
            try
            {
                await using var connection = await file.OpenAsync(CancellationToken.None);
                Execute(connection, "BEGIN IMMEDIATE");
                foreach (var write in batch)
                {
                    Execute(connection, "SAVEPOINT w");
                    if (write.Run(connection))
                    {
                        Execute(connection, "RELEASE w");
                    }
                    else
                    {
                        Execute(connection, "ROLLBACK TO w");
                        Execute(connection, "RELEASE w");
                    }
                }

                Execute(connection, "COMMIT");
            }
            catch (Exception e)
            {
                // The transaction is gone (SQLite rolls back a failed commit, and a closed connection rolls back
                // what is open), so no write of the batch happened, whatever each one answered.
                foreach (var write in batch)
                {
                    write.Fail(e);
                }

                continue;
            }

            foreach (var write in batch)
            {
                write.Complete();
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private interface IPendingWrite
    {
        /// <summary>True when the caller gave up before its write ran; the write is then never run.</summary>
        bool CancelIfRequested();

        /// <summary>Runs the write; false when it threw (its savepoint is then rolled back).</summary>
        bool Run(SqliteConnection connection);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken) : IPendingWrite
    {
        // Continuations run on the pool: the drainer must not run its callers' code inside its transaction loop.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public bool Run(SqliteConnection connection)
        {
            try
            {
                _result = write(connection);
                return true;
            }
            catch (Exception e)
            {
                _error = e;
                return false;
            }
        }

        public void Complete()
        {
            if (_error is null)
            {
                _completion.TrySetResult(_result);
            }
            else
            {
                _completion.TrySetException(_error);
            }
        }

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
