using Hangfire;
using LlamaWoolFarm.Workers.Scheduler.Consumers;
using LlamaWoolFarm.Workers.Scheduler.Services;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Scheduling;

/// <summary>
/// The scheduler worker end to end: a client schedules through MassTransit's message scheduler, Hangfire keeps the
/// job, and the message reaches its queue when due. Embedded = SQLite + in-memory bus; server = Redis + RabbitMQ.
/// Hangfire keeps some process-wide configuration, so these tests run one at a time.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class SchedulerTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_scheduled_message_arrives_at_its_due_time(bool server)
    {
        await using var host = await SchedulerHost.StartAsync(server ? SchedulerSetup.OnServers() : SchedulerSetup.Embedded());
        var due = DateTime.UtcNow.AddSeconds(2);

        await host.Services.GetRequiredService<IMessageScheduler>().ScheduleSend(host.ProbeAddress, due, new SchedulerProbe("due"));

        Assert.True(await host.Log.WaitForAsync("due", 1, TimeSpan.FromSeconds(6)));
        var arrived = host.Log.Received.Single(r => r.Name == "due").At;
        Assert.InRange(arrived - due, -Tolerance, Tolerance);
    }

    [Fact]
    public async Task A_cancelled_message_is_never_sent_while_its_neighbour_is()
    {
        await using var host = await SchedulerHost.StartAsync(SchedulerSetup.Embedded());
        var scheduler = host.Services.GetRequiredService<IMessageScheduler>();
        var due = DateTime.UtcNow.AddSeconds(1.5);

        var cancelled = await scheduler.ScheduleSend(host.ProbeAddress, due, new SchedulerProbe("cancelled"));
        await scheduler.ScheduleSend(host.ProbeAddress, due.AddSeconds(1), new SchedulerProbe("kept"));
        await scheduler.CancelScheduledSend(host.ProbeAddress, cancelled.TokenId);

        // The kept message is due a second after the cancelled one, so once it is here the cancelled one had its chance.
        Assert.True(await host.Log.WaitForAsync("kept", 1, TimeSpan.FromSeconds(6)));
        await Task.Delay(300);
        Assert.Equal(0, host.Log.Count("cancelled"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_worker_stopped_before_the_due_time_and_started_after_delivers_exactly_once(bool server)
    {
        var setup = server ? SchedulerSetup.OnServers() : SchedulerSetup.Embedded();
        DateTime due;
        await using (var first = await SchedulerHost.StartAsync(setup))
        {
            // Far enough ahead that a loaded machine still stops the worker before it is due.
            due = DateTime.UtcNow.AddSeconds(6);
            await first.Services.GetRequiredService<IMessageScheduler>().ScheduleSend(first.ProbeAddress, due, new SchedulerProbe("restart"));
            Assert.True(await WaitAsync(() => first.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount() == 1));
        }

        Assert.True(DateTime.UtcNow < due, "The first worker took until the due time to stop; the test proves nothing.");
        await Task.Delay(due - DateTime.UtcNow + TimeSpan.FromMilliseconds(300));
        await using var second = await SchedulerHost.StartAsync(setup);

        Assert.True(await second.Log.WaitForAsync("restart", 1, TimeSpan.FromSeconds(6)));
        await Task.Delay(1000);
        Assert.Equal(1, second.Log.Count("restart"));
    }

    [Fact]
    public async Task A_recurring_cron_schedule_repeats_pauses_resumes_and_stops_when_cancelled()
    {
        await using var host = await SchedulerHost.StartAsync(SchedulerSetup.Embedded());
        var schedulerEndpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + host.Setup.SchedulerQueue));
        var manager = host.Services.GetRequiredService<HangfireScheduler>();
        var key = RecurringScheduleConsumer.Key("tests", "every-second");

        await schedulerEndpoint.ScheduleRecurringSend(host.ProbeAddress, new EverySecond(), new SchedulerProbe("tick"));
        // Generous deadlines: Hangfire's recurring-job pass runs on its polling interval, and a loaded CI machine delays it.
        Assert.True(await host.Log.WaitForAsync("tick", 2, TimeSpan.FromSeconds(20)));
        var ticks = host.Log.Received.Where(r => r.Name == "tick").ToList();
        Assert.NotEqual(ticks[0].MessageId, ticks[1].MessageId);

        await schedulerEndpoint.PauseScheduledRecurringSend("every-second", "tests");
        Assert.True(await WaitAsync(() => !manager.IsRecurringActive(key)));
        var whilePaused = host.Log.Count("tick");
        await Task.Delay(1500);
        Assert.InRange(host.Log.Count("tick"), whilePaused, whilePaused + 1);

        await schedulerEndpoint.ResumeScheduledRecurringSend("every-second", "tests");
        Assert.True(await host.Log.WaitForAsync("tick", host.Log.Count("tick") + 1, TimeSpan.FromSeconds(15)));

        await schedulerEndpoint.CancelScheduledRecurringSend("every-second", "tests");
        Assert.True(await WaitAsync(() => !manager.IsRecurringActive(key)));
        await Task.Delay(300);
        var afterCancel = host.Log.Count("tick");
        await Task.Delay(1500);
        Assert.Equal(afterCancel, host.Log.Count("tick"));
    }

    [Theory]
    [InlineData("0 0/5 * * * ?", "0 0/5 * * * ?")]
    [InlineData("0 0 3 * * ? *", "0 0 3 * * ?")]
    [InlineData("*/5 * * * *", "*/5 * * * *")]
    public void Quartz_cron_expressions_become_Hangfire_ones(string quartz, string hangfire)
    {
        Assert.Equal(hangfire, HangfireScheduler.NormalizeCron(quartz));
    }

    [Fact]
    public void A_cron_expression_with_the_wrong_number_of_fields_is_refused()
    {
        Assert.Throws<ArgumentException>(() => HangfireScheduler.NormalizeCron("* *"));
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(25);
        }

        return condition();
    }

    private sealed class EverySecond : DefaultRecurringSchedule
    {
        public EverySecond()
        {
            ScheduleId = "every-second";
            ScheduleGroup = "tests";
            CronExpression = "* * * * * ?";
        }
    }
}
