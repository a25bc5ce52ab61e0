using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>The game worker's part of a purge: the deleted player's game state and command outcomes.</summary>
public sealed class PurgeGameDataConsumer(GameDataService data, TimeProvider clock) : IConsumer<PurgePlayerData>
{
    public async Task Consume(ConsumeContext<PurgePlayerData> context)
    {
        var m = context.Message;
        if (m.Part == PlayerDataParts.Game)
        {
            var removed = await data.PurgeAsync(m.PlayerId, context.CancellationToken);
            await context.Publish(new PlayerDataPurged(m.PlayerId, m.DeletionId, m.Part, removed, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}
