namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// Group commit for durable writes to a server: calls that arrive while a write is in flight queue, and the next
/// request carries all of them (up to a batch bound), so concurrent callers share one round trip while each is
/// answered by the request that holds its lines. A batch the server refuses as invalid is sent again call by call,
/// so one caller's bad point fails that caller alone.
/// </summary>
internal sealed class DurableWriteGroup(int maxBatchLines, Func<IReadOnlyList<string>, CancellationToken, Task> send, CancellationToken stopping)
{
    private readonly Queue<Pending> _queue = new();
    private readonly Lock _lock = new();
    private bool _draining;

    /// <summary>Completes when the send delegate succeeded for a request holding <paramref name="lines"/>; throws what it threw.</summary>
    public async Task WriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var pending = new Pending(lines);
        bool drain;
        lock (_lock)
        {
            _queue.Enqueue(pending);
            drain = !_draining;
            _draining = true;
        }

        if (drain)
        {
            // The first caller drains on its own flow (no background loop to keep alive); the queue it leaves empty
            // under the lock, so a later caller always finds either a drainer or the mark down.
            await DrainAsync();
        }

        // The caller may stop waiting; its lines may still be written, which a retry overwrites harmlessly.
        await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        // Step off the caller's flow first, so calls started together (Task.WhenAll) join the first request.
        await Task.Yield();
        while (true)
        {
            var batch = new List<Pending>();
            var lines = 0;
            lock (_lock)
            {
                while (_queue.TryPeek(out var next) && (batch.Count == 0 || lines + next.Lines.Count <= maxBatchLines))
                {
                    batch.Add(_queue.Dequeue());
                    lines += next.Lines.Count;
                }

                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            await SendAsync(batch);
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            await send(batch.Count == 1 ? batch[0].Lines : batch.SelectMany(p => p.Lines).ToList(), stopping);
        }
        catch (InvalidDataException) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await SendAsync([pending]);
            }

            return;
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }

            return;
        }

        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult();
        }
    }

    private sealed class Pending(IReadOnlyList<string> lines)
    {
        public IReadOnlyList<string> Lines { get; } = lines;

        // Callers resume on the pool: the drainer must not run their code inside its loop.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
