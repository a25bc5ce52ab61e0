namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// The bounded buffer of encoded lines between writers and the background sender. The bound covers the batch
/// being sent too, so memory held for an unavailable server never exceeds it.
/// </summary>
internal sealed class PointBuffer(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private List<string> _inFlight = [];
    private long _accepted;
    private long _completed;

    public long Held
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count + _inFlight.Count;
            }
        }
    }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Adds as many lines as fit; returns how many.</summary>
    public int Add(IReadOnlyList<string> lines)
    {
        int taken;
        lock (_lock)
        {
            taken = Math.Max(0, Math.Min(lines.Count, capacity - _queue.Count - _inFlight.Count));
            for (var i = 0; i < taken; i++)
            {
                _queue.Enqueue(lines[i]);
            }

            _accepted += taken;
        }

        if (taken > 0 && _signal.CurrentCount == 0)
        {
            _signal.Release();
        }

        return taken;
    }

    /// <summary>The batch to send: the one still in flight, or up to <paramref name="max"/> queued lines; empty after waiting when there is nothing.</summary>
    public async Task<IReadOnlyList<string>> NextBatchAsync(int max, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_inFlight.Count > 0)
                {
                    return _inFlight;
                }

                if (_queue.Count > 0)
                {
                    var batch = new List<string>(Math.Min(max, _queue.Count));
                    while (batch.Count < max && _queue.TryDequeue(out var line))
                    {
                        batch.Add(line);
                    }

                    _inFlight = batch;
                    return batch;
                }
            }

            await _signal.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The batch in flight is done with (written or refused by the server).</summary>
    public int CompleteBatch()
    {
        lock (_lock)
        {
            var count = _inFlight.Count;
            _completed += count;
            _inFlight = [];
            return count;
        }
    }
}
