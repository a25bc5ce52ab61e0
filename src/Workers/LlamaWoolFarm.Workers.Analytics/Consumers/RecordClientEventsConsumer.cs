using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>Records the client events the gateway accepted.</summary>
public sealed class RecordClientEventsConsumer(AnalyticsRecorder recorder) : IConsumer<RecordClientEvents>
{
    public Task Consume(ConsumeContext<RecordClientEvents> context) => recorder.RecordClientEventsAsync(context.Message, context.CancellationToken);
}
