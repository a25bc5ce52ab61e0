namespace LlamaWoolFarm.LoadTest;

/// <summary>Counts and command-to-push latencies; only the measured window (after warm-up) is kept.</summary>
internal sealed class Stats
{
    private readonly Lock _lock = new();
    private List<double> _latencies = [];
    private readonly List<(double SentAt, double Milliseconds)> _timeline = [];
    private readonly List<double> _acceptedAt = [];
    private readonly List<double> _shedAt = [];
    private long _shed;
    private long _sent;
    private long _completed;
    private long _rejected;
    private long _httpErrors;

    public bool Measuring { get; set; }

    public long SentCount => Interlocked.Read(ref _sent);

    public long CompletedCount => Interlocked.Read(ref _completed);

    public long RejectedCount => Interlocked.Read(ref _rejected);

    public long HttpErrors => Interlocked.Read(ref _httpErrors);

    /// <summary>Commands refused with 503 OVERLOADED (backpressure).</summary>
    public long ShedCount => Interlocked.Read(ref _shed);

    /// <summary>Seconds since the run started, the time axis of the windows.</summary>
    public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();

    public void Sent(double sentAt)
    {
        Interlocked.Increment(ref _sent);
        lock (_lock)
        {
            _acceptedAt.Add(sentAt);
        }
    }

    public void Shed(double sentAt)
    {
        Interlocked.Increment(ref _shed);
        lock (_lock)
        {
            _shedAt.Add(sentAt);
        }
    }

    public void HttpError(int status) => Interlocked.Increment(ref _httpErrors);

    public void Completed(double sentAt, double milliseconds, bool rejected)
    {
        lock (_lock)
        {
            _timeline.Add((sentAt, milliseconds));
        }

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

    /// <summary>
    /// One line per window of <paramref name="seconds"/> by sending time: accepted, shed, completed, and the p50/p99
    /// command-to-push latency of the commands sent in it. Under overload with backpressure p99 stays flat; without,
    /// it grows window after window.
    /// </summary>
    public List<string> Windows(int seconds)
    {
        var lines = new List<string>();
        lock (_lock)
        {
            var last = _acceptedAt.Concat(_shedAt).DefaultIfEmpty(0).Max();
            for (var start = 0.0; start <= last; start += seconds)
            {
                var end = start + seconds;
                var latencies = _timeline.Where(t => t.SentAt >= start && t.SentAt < end).Select(t => t.Milliseconds).Order().ToArray();
                lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"[{start,5:F0}-{end,4:F0}s] accepted {_acceptedAt.Count(t => t >= start && t < end),7} shed {_shedAt.Count(t => t >= start && t < end),7} completed {latencies.Length,7}  p50 {Percentile(latencies, 0.50),8:F1} ms  p99 {Percentile(latencies, 0.99),8:F1} ms"));
            }
        }

        return lines;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
