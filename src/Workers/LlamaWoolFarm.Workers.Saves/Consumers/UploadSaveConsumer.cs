using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using LlamaWoolFarm.ServiceDefaults.Telemetry;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Applies an uploaded save and answers (and publishes) accepted, rejected or conflict resolved.</summary>
public sealed class UploadSaveConsumer(SaveSyncService service, GameMetrics? metrics = null) : IConsumer<UploadSave>
{
    public async Task Consume(ConsumeContext<UploadSave> context)
    {
        var result = await service.UploadAsync(context.Message, context.CancellationToken);
        await result.RespondAndPublishAsync(context);
        metrics?.Saves.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome));
    }
}
