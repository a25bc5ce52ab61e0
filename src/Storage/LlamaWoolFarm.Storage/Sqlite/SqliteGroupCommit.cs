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

    public async Task<T> RunAsync<T>(Func<SqliteWriter, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_queue.IsEmpty && Volatile.Read(ref _draining) == 0 && file.TryTakeTurn(out var turn))
        {
            // Nobody else is writing: the write runs at once on the caller's thread, in a transaction of its own.
            using (turn)
            {
                return RunAlone(write);
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

    private T RunAlone<T>(Func<SqliteWriter, T> write)
    {
        var writer = file.Writer();
        T result;
        try
        {
            writer.Execute("BEGIN IMMEDIATE");
            result = write(writer);
            writer.Execute("COMMIT");
        }
        catch
        {
            Rollback(writer);
            throw;
        }

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
                var writer = file.Writer();
                writer.Execute("BEGIN IMMEDIATE");
                foreach (var write in batch)
                {
                    writer.Execute("SAVEPOINT w");
                    if (write.Run(writer))
                    {
                        writer.Execute("RELEASE w");
                    }
                    else
                    {
                        writer.Execute("ROLLBACK TO w");
                        writer.Execute("RELEASE w");
                    }
                }

                writer.Execute("COMMIT");
            }
            catch (Exception e)
            {
                // The transaction is rolled back (SQLite rolls back a failed commit itself), so no write of the batch
                // happened, whatever each one answered.
                if (file.WriterIfOpen is { } writer)
                {
                    Rollback(writer);
                }

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

    // A writer that cannot roll back is closed (which rolls back), so the next write starts on a clean connection.
    private void Rollback(SqliteWriter writer)
    {
        if (!writer.InTransaction)
        {
            return;
        }

        try
        {
            writer.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            file.DiscardWriter();
        }
    }

    private interface IPendingWrite
    {
        /// <summary>True when the caller gave up before its write ran; the write is then never run.</summary>
        bool CancelIfRequested();

        /// <summary>Runs the write; false when it threw (its savepoint is then rolled back).</summary>
        bool Run(SqliteWriter writer);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteWriter, T> write, CancellationToken cancellationToken) : IPendingWrite
    {
        // Continuations run on the pool: the drainer must not run its callers' code inside its transaction loop.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public bool Run(SqliteWriter writer)
        {
            try
            {
                _result = write(writer);
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
