using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Answers the player's current save and its revision.</summary>
public sealed class GetCurrentSaveConsumer(SaveSyncService service) : IConsumer<GetCurrentSave>
{
    public async Task Consume(ConsumeContext<GetCurrentSave> context) =>
        await context.RespondAsync(await service.GetCurrentAsync(context.Message.PlayerId, context.CancellationToken));
}
