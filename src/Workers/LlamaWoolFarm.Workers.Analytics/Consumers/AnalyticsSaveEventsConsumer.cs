using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>The saves worker's upload outcomes, as time-series points.</summary>
public sealed class AnalyticsSaveEventsConsumer(AnalyticsRecorder recorder) :
    IConsumer<SaveAccepted>,
    IConsumer<SaveRejected>,
    IConsumer<SaveConflictResolved>
{
    public Task Consume(ConsumeContext<SaveAccepted> context) => recorder.OnSaveAcceptedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<SaveRejected> context) => recorder.OnSaveRejectedAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<SaveConflictResolved> context) => recorder.OnSaveConflictResolvedAsync(context.Message, context.CancellationToken);
}
