using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>The saga's end of the grace period: starts the purge (tombstone) or reports the deletion called off.</summary>
public sealed class BeginAccountPurgeConsumer(AccountDeletionService deletions) : IConsumer<BeginAccountPurge>
{
    public async Task Consume(ConsumeContext<BeginAccountPurge> context) =>
        await context.Publish(await deletions.BeginPurgeAsync(context.Message, context.CancellationToken), context.CancellationToken);
}
