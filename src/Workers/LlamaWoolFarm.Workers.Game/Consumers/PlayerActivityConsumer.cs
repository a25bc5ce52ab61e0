using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>A heartbeat from realtime keeps the player online in the rules (GAME_RULES §4).</summary>
public sealed class PlayerActivityConsumer(GameCommandService service) : IConsumer<PlayerActivity>
{
    public async Task Consume(ConsumeContext<PlayerActivity> context)
    {
        // The message id is stable across redeliveries, so a replayed heartbeat's events carry the same id.
        var activityId = context.MessageId ?? NewId.NextGuid();
        var outcome = await service.RecordActivityAsync(activityId, context.Message.PlayerId, context.Message.At, context.CancellationToken);
        if (outcome is not null)
        {
            await outcome.PublishAsync(context, context.CancellationToken);
        }
    }
}
