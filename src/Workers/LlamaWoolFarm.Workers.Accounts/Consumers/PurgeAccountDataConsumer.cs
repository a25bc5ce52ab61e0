using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>The accounts worker's part of a purge: the deleted player leaves every friend's list.</summary>
public sealed class PurgeAccountDataConsumer(AccountDeletionService deletions, TimeProvider clock) : IConsumer<PurgePlayerData>
{
    public async Task Consume(ConsumeContext<PurgePlayerData> context)
    {
        var m = context.Message;
        if (m.Part == PlayerDataParts.Friendships)
        {
            var removed = await deletions.PurgeFriendshipsAsync(m.PlayerId, context.CancellationToken);
            await context.Publish(new PlayerDataPurged(m.PlayerId, m.DeletionId, m.Part, removed, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}
