using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Answers the player's backups, newest first.</summary>
public sealed class ListBackupsConsumer(BackupService service) : IConsumer<ListBackups>
{
    public async Task Consume(ConsumeContext<ListBackups> context) =>
        await context.RespondAsync(await service.ListAsync(context.Message.PlayerId, context.CancellationToken));
}
