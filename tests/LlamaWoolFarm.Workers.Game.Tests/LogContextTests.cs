using System.Collections.Concurrent;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>Log lines written while a command is consumed carry its command and player ids.</summary>
public sealed class LogContextTests
{
    [Fact]
    public async Task A_log_line_written_by_a_consumer_carries_the_commands_CommandId_and_PlayerId()
    {
        var sink = new CapturingSink();
        await using var provider = await TestBus.StartAsync(
            s => s.AddSerilog(new LoggerConfiguration().Enrich.FromLogContext().WriteTo.Sink(sink).CreateLogger(), dispose: true),
            x => x.AddConsumer<LoggingConsumer>());
        var harness = provider.GetRequiredService<ITestHarness>();
        var command = new SubmitClicks(Guid.NewGuid(), Guid.NewGuid(), 3, null);

        await harness.Bus.Publish(command);
        Assert.True(await harness.Consumed.Any<SubmitClicks>());
        await harness.InactivityTask;

        var line = Assert.Single(sink.Events, e => e.MessageTemplate.Text.StartsWith("Handling clicks", StringComparison.Ordinal));
        Assert.Equal(command.CommandId.ToString(), ((ScalarValue)line.Properties["CommandId"]).Value?.ToString());
        Assert.Equal(command.PlayerId.ToString(), ((ScalarValue)line.Properties["PlayerId"]).Value?.ToString());
        await harness.Stop();
    }

    private sealed class LoggingConsumer(ILogger<LoggingConsumer> logger) : IConsumer<SubmitClicks>
    {
        public Task Consume(ConsumeContext<SubmitClicks> context)
        {
            logger.LogInformation("Handling clicks x{Quantity}", context.Message.Quantity);
            return Task.CompletedTask;
        }
    }

    private sealed class CapturingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}
