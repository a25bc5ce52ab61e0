using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Grants the pending offline gains once and publishes the result.</summary>
public sealed class ClaimOfflineProgressConsumer(GameCommandService service) : IConsumer<ClaimOfflineProgress>
{
    public async Task Consume(ConsumeContext<ClaimOfflineProgress> context)
    {
        var outcome = await service.ClaimOfflineProgressAsync(context.Message, context.CancellationToken);
        await outcome.PublishAsync(context, context.CancellationToken);
    }
}
