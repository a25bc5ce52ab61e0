using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Cashes in the run for Soul Shears and publishes the result.</summary>
public sealed class PerformPrestigeConsumer(GameCommandService service) : IConsumer<PerformPrestige>
{
    public async Task Consume(ConsumeContext<PerformPrestige> context)
    {
        var outcome = await service.PerformPrestigeAsync(context.Message, context.CancellationToken);
        await outcome.PublishAsync(context, context.CancellationToken);
    }
}
