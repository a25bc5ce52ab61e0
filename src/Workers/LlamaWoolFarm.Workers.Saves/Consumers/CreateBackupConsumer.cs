using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Makes a manual backup, answers it and publishes <see cref="BackupCreated"/>.</summary>
public sealed class CreateBackupConsumer(BackupService service) : IConsumer<CreateBackup>
{
    public async Task Consume(ConsumeContext<CreateBackup> context)
    {
        var created = await service.CreateManualAsync(context.Message, context.CancellationToken);
        if (context.RequestId.HasValue)
        {
            await context.RespondAsync(created);
        }

        await context.Publish(created, context.CancellationToken);
    }
}
