using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>The analytics module's part of a purge: the deleted player's tagged points and records.</summary>
public sealed class PurgeAnalyticsDataConsumer(AnalyticsDataService data, TimeProvider clock) : IConsumer<PurgePlayerData>
{
    public async Task Consume(ConsumeContext<PurgePlayerData> context)
    {
        var m = context.Message;
        if (m.Part == PlayerDataParts.Analytics)
        {
            var removed = await data.PurgeAsync(m.PlayerId, context.CancellationToken);
            await context.Publish(new PlayerDataPurged(m.PlayerId, m.DeletionId, m.Part, removed, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}
