using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Answers the player's latest save revisions, newest first.</summary>
public sealed class GetSaveHistoryConsumer(SaveSyncService service) : IConsumer<GetSaveHistory>
{
    public async Task Consume(ConsumeContext<GetSaveHistory> context) =>
        await context.RespondAsync(await service.GetHistoryAsync(context.Message, context.CancellationToken));
}
