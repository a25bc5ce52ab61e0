using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>The leaderboards module's part of a purge: every board entry and archived row of the deleted player.</summary>
public sealed class PurgeLeaderboardDataConsumer(LeaderboardDataService data, TimeProvider clock) : IConsumer<PurgePlayerData>
{
    public async Task Consume(ConsumeContext<PurgePlayerData> context)
    {
        var m = context.Message;
        if (m.Part == PlayerDataParts.Leaderboards)
        {
            var removed = await data.PurgeAsync(m.PlayerId, context.CancellationToken);
            await context.Publish(new PlayerDataPurged(m.PlayerId, m.DeletionId, m.Part, removed, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}
