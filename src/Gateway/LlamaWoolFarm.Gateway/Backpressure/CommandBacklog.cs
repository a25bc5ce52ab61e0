using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using LlamaWoolFarm.ServiceDefaults.Telemetry;

namespace LlamaWoolFarm.Gateway.Backpressure;

/// <summary>What the gate decided for one command: shed or not, the estimated backlog, and when to retry.</summary>
public readonly record struct BacklogDecision(bool Shed, double BacklogSeconds, int RetryAfterSeconds);

/// <summary>
/// The gateway's estimate of the game command backlog in seconds of work, from the game workers' reports
/// (<see cref="CommandBacklogReported"/>, twice a second each): depth = the newest report's waiting count + every
/// worker's in-flight count, rate = the sum of the workers' apply rates. Between reports it extrapolates from the
/// moment the newest report was measured (not received: under load a report can take a while to arrive): commands
/// this gateway accepted since then, and those it let through that are still being accepted (a POST under load takes
/// a while, and a gate that counted only finished ones would let a burst through meanwhile), are added; the rate's
/// worth of elapsed time is taken off. Reading it costs a few
/// arithmetic operations; nothing per request goes to the broker. Reports older than <see cref="StaleAfter"/> are
/// forgotten: no fresh report means no measurable backlog, and commands are accepted (an outage is the broker
/// gate's and the alerts' business, not backpressure's).
/// </summary>
public sealed class CommandBacklog
{
    /// <summary>A worker's report is forgotten after this long (four missed reports).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, (CommandBacklogReported Report, long ReceivedAt)> _reports = new();
    private readonly BackpressureOptions _options;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _shed;
    // Commands accepted (202) by tenth of a second of wall-clock time, over more than a report's useful life.
    private const int AcceptBuckets = 32;
    private readonly long[] _accepted = new long[AcceptBuckets];
    private readonly long[] _acceptedBucketIds = new long[AcceptBuckets];
    private readonly Lock _recomputing = new();
    private Snapshot? _snapshot;
    private long _admitted;

    public CommandBacklog(BackpressureOptions options, TimeProvider clock, IMeterFactory meters)
    {
        _options = options;
        _clock = clock;
        var meter = meters.Create(GameMetrics.MeterName);
        _shed = meter.CreateCounter<long>("lwf.backpressure.shed", "{command}", "Game commands refused with 503 OVERLOADED because the backlog exceeded Backpressure:MaxBacklogSeconds.");
        meter.CreateObservableGauge("lwf.backpressure.backlog", () => Estimate().Seconds, "s", "Estimated seconds of work in the game command queues (depth ÷ the game workers' recent apply rate).");
        meter.CreateObservableGauge("lwf.backpressure.depth", () => Estimate().Depth, "{command}", "Game commands accepted and not yet applied, as the game workers last reported (extrapolated).");
        meter.CreateObservableGauge("lwf.backpressure.apply_rate", () => Volatile.Read(ref _snapshot)?.Rate ?? 0, "{command}/s", "The game workers' recent apply rate, summed over the workers reporting.");
    }

    private sealed record Snapshot(double Waiting, double InFlight, double Rate, long At, DateTimeOffset MeasuredAt);

    /// <summary>Takes a worker's report.</summary>
    public void Report(CommandBacklogReported report)
    {
        var now = _clock.GetTimestamp();
        _reports[report.WorkerId] = (report, now);
        lock (_recomputing)
        {
            double inFlight = 0, rate = 0;
            CommandBacklogReported? newest = null;
            foreach (var (worker, (r, at)) in _reports)
            {
                if (_clock.GetElapsedTime(at, now) > StaleAfter)
                {
                    _reports.TryRemove(worker, out _);
                    continue;
                }

                inFlight += r.InFlight;
                rate += r.AppliedPerSecond;
                // Every worker sees the same queues: the newest look at them is the best.
                newest = newest is null || r.ReportedAt > newest.ReportedAt ? r : newest;
            }

            Volatile.Write(ref _snapshot, new Snapshot(newest?.Waiting ?? 0, inFlight, rate, now, newest?.ReportedAt ?? _clock.GetUtcNow()));
        }
    }

    /// <summary>Counts a command let through the gate; <see cref="Finished"/> follows when its request ends.</summary>
    public void Admitted() => Interlocked.Increment(ref _admitted);

    /// <summary>Ends a command <see cref="Admitted"/>: accepted (202) ones count until the next report.</summary>
    public void Finished(bool accepted)
    {
        if (accepted)
        {
            var id = AcceptBucket(_clock.GetUtcNow());
            var slot = (int)(id % AcceptBuckets);
            var seen = Interlocked.Read(ref _acceptedBucketIds[slot]);
            if (seen != id && Interlocked.CompareExchange(ref _acceptedBucketIds[slot], id, seen) == seen)
            {
                Interlocked.Exchange(ref _accepted[slot], 0);
            }

            Interlocked.Increment(ref _accepted[slot]);
        }

        Interlocked.Decrement(ref _admitted);
    }

    /// <summary>Whether a new command is shed now, with the estimate it was decided on; counts a shed command.</summary>
    public BacklogDecision Decide()
    {
        var (seconds, depth) = Estimate();
        if (!_options.Enabled || depth <= _options.MinimumBacklog || seconds <= _options.MaxBacklogSeconds)
        {
            return new BacklogDecision(false, seconds, 0);
        }

        _shed.Add(1);
        // By then the workers will have worked the backlog down to the bound.
        var retryAfter = (int)Math.Clamp(Math.Ceiling(seconds - _options.MaxBacklogSeconds), 1, 60);
        return new BacklogDecision(true, seconds, retryAfter);
    }

    /// <summary>The backlog now in seconds of work and in commands; zeros without a fresh, measurable report.</summary>
    public (double Seconds, double Depth) Estimate()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null)
        {
            return (0, 0);
        }

        var elapsed = _clock.GetElapsedTime(snapshot.At);
        if (elapsed > StaleAfter || snapshot.Rate <= 0)
        {
            return (0, 0);
        }

        var now = _clock.GetUtcNow();
        var drained = snapshot.Rate * Math.Max(0, (now - snapshot.MeasuredAt).TotalSeconds);
        var depth = Math.Max(0, snapshot.Waiting + snapshot.InFlight + AcceptedSince(snapshot.MeasuredAt, now) + Interlocked.Read(ref _admitted) - drained);
        return (depth / snapshot.Rate, depth);
    }

    private static long AcceptBucket(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 100;

    // Accepted in the tenth of a second the report was measured in or later: a few counted twice, none missed.
    private long AcceptedSince(DateTimeOffset measuredAt, DateTimeOffset now)
    {
        var from = AcceptBucket(measuredAt);
        var to = AcceptBucket(now);
        long total = 0;
        for (var i = 0; i < AcceptBuckets; i++)
        {
            var id = Interlocked.Read(ref _acceptedBucketIds[i]);
            if (id >= from && id <= to && id > to - AcceptBuckets)
            {
                total += Interlocked.Read(ref _accepted[i]);
            }
        }

        return total;
    }
}
