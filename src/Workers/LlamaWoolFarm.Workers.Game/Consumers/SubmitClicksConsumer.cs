using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Applies a click batch and publishes its result.</summary>
public sealed class SubmitClicksConsumer(GameCommandService service) : IConsumer<SubmitClicks>
{
    public async Task Consume(ConsumeContext<SubmitClicks> context)
    {
        var outcome = await service.SubmitClicksAsync(context.Message, context.CancellationToken);
        await outcome.PublishAsync(context, context.CancellationToken);
    }
}
