using System.Diagnostics;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;

/// <summary>
/// What a game worker process has taken from the command queues and finished: the commands in flight (taken, not
/// finished) and the recent completion rate over a sliding window of half-second buckets. Updated by
/// <see cref="CommandFlowFilter{T}"/>; read by the backlog reporter. Lock-free on the hot path.
/// </summary>
public sealed class CommandFlow
{
    /// <summary>The width of one bucket.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMilliseconds(500);

    // Six buckets: the rate follows a change of load within 3 s, yet one slow half second does not halve it.
    private const int Buckets = 6;

    private readonly long[] _completions = new long[Buckets];
    private readonly long[] _bucketIds = new long[Buckets];
    private readonly long _bucketTicks = (long)(Bucket.TotalSeconds * Stopwatch.Frequency);
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _pacing = new();
    private long _inFlight;
    private long _nextSlot;

    /// <summary>Commands taken and not finished.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Counts a command taken from its queue.</summary>
    public void Taken() => Interlocked.Increment(ref _inFlight);

    /// <summary>Counts a command finished (applied, refused or failed: either way it left the backlog).</summary>
    public void Finished()
    {
        Interlocked.Decrement(ref _inFlight);
        var id = BucketId(Stopwatch.GetTimestamp());
        var slot = (int)(id % Buckets);
        // A bucket is reused for a newer half second: the first finisher there resets it.
        var seen = Interlocked.Read(ref _bucketIds[slot]);
        if (seen != id && Interlocked.CompareExchange(ref _bucketIds[slot], id, seen) == seen)
        {
            Interlocked.Exchange(ref _completions[slot], 0);
        }

        Interlocked.Increment(ref _completions[slot]);
    }

    /// <summary>
    /// Commands finished per second while there was work: the completions of the window's finished buckets divided
    /// by the time of the buckets that had any (the current, partial bucket is left out), so idle half seconds do not
    /// dilute the rate into a false overload. 0 when nothing finished in the window: no rate can be told.
    /// </summary>
    public double AppliedPerSecond()
    {
        var current = BucketId(Stopwatch.GetTimestamp());
        long total = 0;
        var busy = 0;
        for (var i = 0; i < Buckets; i++)
        {
            var id = Interlocked.Read(ref _bucketIds[i]);
            var completions = Interlocked.Read(ref _completions[i]);
            if (id < current && id >= current - (Buckets - 1) && completions > 0)
            {
                total += completions;
                busy++;
            }
        }

        return busy == 0 ? 0 : total / (busy * Bucket.TotalSeconds);
    }

    /// <summary>
    /// Waits for this command's turn under a cap of <paramref name="perSecond"/> commands per second (the
    /// <see cref="BackpressureOptions.ApplyRateLimit"/> drill): turns are handed out one interval apart.
    /// </summary>
    public Task PaceAsync(double perSecond, CancellationToken cancellationToken)
    {
        var interval = (long)(Stopwatch.Frequency / perSecond);
        var now = Stopwatch.GetTimestamp();
        long slot;
        lock (_pacing)
        {
            slot = Math.Max(now, _nextSlot);
            _nextSlot = slot + interval;
        }

        var wait = Stopwatch.GetElapsedTime(now, slot);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    private long BucketId(long timestamp) => (timestamp - _started) / _bucketTicks;
}
