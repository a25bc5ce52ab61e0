using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Redis.StackExchange;
using Hangfire.States;
using Hangfire.Storage.SQLite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Scheduler.Services;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Scheduling;

/// <summary>The scheduler's lateness gauge on real Hangfire storage (SQLite, Redis), with no Hangfire server to move jobs on.</summary>
[Collection(HangfireCollection.Name)]
public sealed class SchedulerLagTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_overdue_time_is_the_age_of_the_oldest_late_job_and_zero_when_none_is_late(bool redis)
    {
        using var multiplexer = redis ? ConnectionMultiplexer.Connect(TestServers.Redis) : null;
        JobStorage storage = multiplexer is not null
            ? new RedisStorage(multiplexer, new RedisStorageOptions { Prefix = $"lwf-test-lag-{Guid.NewGuid():N}:" })
            : new SQLiteStorage(Path.Combine(TestServers.NewDataFolder(), "scheduler.db"));
        var jobs = new BackgroundJobClient(storage);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var lag = new SchedulerLag(storage, TimeProvider.System, services.GetRequiredService<IMeterFactory>());

        Assert.Equal(TimeSpan.Zero, lag.Overdue());
        jobs.Create(() => Console.WriteLine("future"), new ScheduledState(DateTime.UtcNow.AddMinutes(5)));
        Assert.Equal(TimeSpan.Zero, lag.Overdue());

        jobs.Create(() => Console.WriteLine("late"), new ScheduledState(DateTime.UtcNow.AddSeconds(-90)));
        jobs.Create(() => Console.WriteLine("later"), new ScheduledState(DateTime.UtcNow.AddSeconds(-30)));

        Assert.InRange(lag.Overdue().TotalSeconds, 89, 150);
        var (overdue, scheduled) = Observe(services.GetRequiredService<IMeterFactory>());
        Assert.InRange(overdue, 89, 150);
        Assert.Equal(3, scheduled);
    }

    [Fact]
    public async Task A_running_scheduler_host_reports_the_gauges()
    {
        // The module as a host runs it: Hangfire's server works the same storage while the gauges are read.
        await using var host = await SchedulerHost.StartAsync(SchedulerSetup.Embedded());

        // Nothing asked for SchedulerLag: the host made it at start, or no gauge would report.
        var (overdue, scheduled) = Observe(host.Services.GetRequiredService<IMeterFactory>());
        Assert.Equal(0, overdue);
        Assert.True(scheduled >= 0, "lwf.scheduler.scheduled reported nothing");
    }

    /// <summary>The gauges as an exporter reads them, through a listener on this test's meters only.</summary>
    private static (double Overdue, long Scheduled) Observe(IMeterFactory factory)
    {
        double overdue = -1;
        long scheduled = -1;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Other tests' hosts make gauges of the same name in this process; the meter's scope is its factory.
                if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("lwf.scheduler.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => overdue = value);
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => scheduled = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return (overdue, scheduled);
    }
}
