using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Restores a backup as a new revision; answers restored (also published) or not found.</summary>
public sealed class RestoreBackupConsumer(BackupService service) : IConsumer<RestoreBackup>
{
    public async Task Consume(ConsumeContext<RestoreBackup> context)
    {
        var (restored, notFound) = await service.RestoreAsync(context.Message, context.CancellationToken);
        object answer = (object?)restored ?? notFound!;
        if (context.RequestId.HasValue)
        {
            await context.RespondAsync(answer);
        }

        if (restored is not null)
        {
            await context.Publish(restored, context.CancellationToken);
        }
    }
}
