using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Answers the player's state materialized at the server's time.</summary>
public sealed class GetGameStateConsumer(GameCommandService service) : IConsumer<GetGameState>
{
    public async Task Consume(ConsumeContext<GetGameState> context) =>
        await context.RespondAsync(await service.GetStateAsync(context.Message.PlayerId, context.CancellationToken));
}
