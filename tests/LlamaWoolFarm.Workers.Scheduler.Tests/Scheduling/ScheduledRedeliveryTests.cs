using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Scheduling;

/// <summary>A message whose consumer fails on its first delivery.</summary>
public sealed record FlakyProbe(string Name);

/// <summary>Fails every attempt of the first delivery (so the immediate retries cannot fix it), succeeds once redelivered.</summary>
public sealed class FlakyProbeConsumer(ProbeLog log) : IConsumer<FlakyProbe>
{
    public Task Consume(ConsumeContext<FlakyProbe> context)
    {
        if (context.GetRedeliveryCount() == 0)
        {
            log.Add("attempt", context.MessageId);
            throw new TimeoutException("The first delivery fails.");
        }

        log.Add(context.Message.Name, context.MessageId);
        return Task.CompletedTask;
    }
}

/// <summary>The default receive policy hands what its retries could not fix to the scheduler worker, which brings it back.</summary>
[Collection(HangfireCollection.Name)]
public sealed class ScheduledRedeliveryTests
{
    [Fact]
    public async Task A_message_that_failed_all_immediate_retries_is_redelivered_through_the_scheduler()
    {
        await using var host = await SchedulerHost.StartAsync(SchedulerSetup.Embedded(), configure: x => x.AddConsumer<FlakyProbeConsumer>().Endpoint(e => e.Name = "flaky-" + Guid.NewGuid().ToString("N")[..8]));

        await host.Services.GetRequiredService<IBus>().Publish(new FlakyProbe("redelivered"));

        Assert.True(await host.Log.WaitForAsync("redelivered", 1, TimeSpan.FromSeconds(20)));
        Assert.Equal(9, host.Log.Count("attempt"));
    }
}
