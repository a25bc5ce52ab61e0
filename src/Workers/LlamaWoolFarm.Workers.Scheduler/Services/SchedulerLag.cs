using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Common;
using LlamaWoolFarm.ServiceDefaults.Telemetry;

namespace LlamaWoolFarm.Workers.Scheduler.Services;

/// <summary>
/// How far behind the scheduler is: <c>lwf.scheduler.overdue</c> is the time since the due moment of the oldest
/// scheduled job that Hangfire has not yet moved on (0 when none is late), <c>lwf.scheduler.scheduled</c> the jobs
/// waiting. A scheduler that stopped polling, or whose storage is too slow, shows as a growing overdue time while
/// season closes, grace periods and redeliveries wait (alert <c>LwfSchedulerLagging</c>).
/// </summary>
public sealed class SchedulerLag : IDisposable
{
    private readonly JobStorage _storage;
    private readonly TimeProvider _clock;
    private readonly Meter _meter;

    public SchedulerLag(JobStorage storage, TimeProvider clock, IMeterFactory meters)
    {
        _storage = storage;
        _clock = clock;
        _meter = meters.Create(GameMetrics.MeterName);
        _meter.CreateObservableGauge("lwf.scheduler.overdue", Observe, "s", "Time since the oldest scheduled job that has not run was due; 0 when none is late.");
        _meter.CreateObservableGauge("lwf.scheduler.scheduled", ObserveCount, "{job}", "Jobs waiting for their due time.");
    }

    /// <summary>The oldest scheduled job's lateness; zero when nothing is late or nothing is scheduled.</summary>
    public TimeSpan Overdue()
    {
        var now = _clock.GetUtcNow();
        using var connection = _storage.GetConnection();
        // The same question Hangfire's own delayed-job scheduler asks: the job in the "schedule" set (scored by its due
        // time in Unix seconds) with the lowest score that is already due.
        var entry = connection.GetFirstByLowestScoreFromSet("schedule", 0, now.ToUnixTimeSeconds());
        if (entry is null)
        {
            return TimeSpan.Zero;
        }

        // Entries are "jobId", or "queue:jobId" for a job bound to a queue.
        var jobId = entry[(entry.LastIndexOf(':') + 1)..];
        var state = connection.GetStateData(jobId);
        if (state?.Data is null || !state.Data.TryGetValue("EnqueueAt", out var enqueueAt))
        {
            return TimeSpan.Zero;
        }

        var late = now.UtcDateTime - JobHelper.DeserializeDateTime(enqueueAt);
        return late > TimeSpan.Zero ? late : TimeSpan.Zero;
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> Observe()
    {
        // A scrape while the storage is unreachable reports nothing rather than failing the whole scrape; the
        // readiness check and LwfDependencyUnavailable say why.
        TimeSpan overdue;
        try
        {
            overdue = Overdue();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }

        return [new Measurement<double>(overdue.TotalSeconds)];
    }

    private IEnumerable<Measurement<long>> ObserveCount()
    {
        try
        {
            return [new Measurement<long>(_storage.GetMonitoringApi().ScheduledCount())];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }
}
