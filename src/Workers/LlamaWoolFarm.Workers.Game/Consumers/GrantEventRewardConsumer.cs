using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Adds an event reward to the player's state once, and tells the event's saga.</summary>
public sealed class GrantEventRewardConsumer(GameCommandService service) : IConsumer<GrantEventReward>
{
    public async Task Consume(ConsumeContext<GrantEventReward> context)
    {
        var outcome = await service.GrantEventRewardAsync(context.Message, context.CancellationToken);
        await outcome.PublishAsync(context, context.CancellationToken);
        if (outcome.Record.Status == CommandStatuses.Completed)
        {
            await context.Publish(EventRewards.Granted(context.Message, outcome), context.CancellationToken);
        }
    }
}
