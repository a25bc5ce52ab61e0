using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Buys building units and publishes the result.</summary>
public sealed class PurchaseBuildingConsumer(GameCommandService service) : IConsumer<PurchaseBuilding>
{
    public async Task Consume(ConsumeContext<PurchaseBuilding> context)
    {
        var outcome = await service.PurchaseBuildingAsync(context.Message, context.CancellationToken);
        await outcome.PublishAsync(context, context.CancellationToken);
    }
}
