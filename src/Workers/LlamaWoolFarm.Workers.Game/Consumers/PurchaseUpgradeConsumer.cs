using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Buys an upgrade and publishes the result.</summary>
public sealed class PurchaseUpgradeConsumer(GameCommandService service) : IConsumer<PurchaseUpgrade>
{
    public async Task Consume(ConsumeContext<PurchaseUpgrade> context)
    {
        var outcome = await service.PurchaseUpgradeAsync(context.Message, context.CancellationToken);
        await outcome.PublishAsync(context, context.CancellationToken);
    }
}
