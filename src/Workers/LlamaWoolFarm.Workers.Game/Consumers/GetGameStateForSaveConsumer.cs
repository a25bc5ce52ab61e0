using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Answers the saves worker a player's stored state.</summary>
public sealed class GetGameStateForSaveConsumer(SaveStateService service) : IConsumer<GetGameStateForSave>
{
    public async Task Consume(ConsumeContext<GetGameStateForSave> context) =>
        await context.RespondAsync(await service.GetAsync(context.Message, context.CancellationToken));
}
