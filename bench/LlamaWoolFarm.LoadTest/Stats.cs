namespace LlamaWoolFarm.LoadTest;

/// <summary>Counts and command-to-push latencies; only the measured window (after warm-up) is kept.</summary>
internal sealed class Stats
{
    private readonly Lock _lock = new();
    private List<double> _latencies = [];
    private long _sent;
    private long _completed;
    private long _rejected;
    private long _httpErrors;

    public bool Measuring { get; set; }

    public long SentCount => Interlocked.Read(ref _sent);

    public long CompletedCount => Interlocked.Read(ref _completed);

    public long RejectedCount => Interlocked.Read(ref _rejected);

    public long HttpErrors => Interlocked.Read(ref _httpErrors);

    public void Sent() => Interlocked.Increment(ref _sent);

    public void HttpError(int status) => Interlocked.Increment(ref _httpErrors);

    public void Completed(double milliseconds, bool rejected)
    {
        Interlocked.Increment(ref _completed);
        if (rejected)
        {
            Interlocked.Increment(ref _rejected);
        }

        if (Measuring)
        {
            lock (_lock)
            {
                _latencies.Add(milliseconds);
            }
        }
    }

    /// <summary>Takes the latencies measured so far, leaving an empty list.</summary>
    public double[] Drain()
    {
        lock (_lock)
        {
            var taken = _latencies;
            _latencies = [];
            return [.. taken];
        }
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
