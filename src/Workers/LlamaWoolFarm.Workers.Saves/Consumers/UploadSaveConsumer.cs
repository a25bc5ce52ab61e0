using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Applies an uploaded save and answers (and publishes) accepted, rejected or conflict resolved.</summary>
public sealed class UploadSaveConsumer(SaveSyncService service) : IConsumer<UploadSave>
{
    public async Task Consume(ConsumeContext<UploadSave> context)
    {
        var result = await service.UploadAsync(context.Message, context.CancellationToken);
        await result.RespondAndPublishAsync(context);
    }
}
