using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Answers the offline gains waiting to be claimed, at the server's time.</summary>
public sealed class GetOfflineProgressConsumer(GameCommandService service) : IConsumer<GetOfflineProgress>
{
    public async Task Consume(ConsumeContext<GetOfflineProgress> context) =>
        await context.RespondAsync(await service.GetOfflineProgressAsync(context.Message.PlayerId, context.CancellationToken));
}
