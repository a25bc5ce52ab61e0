using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers whether a player's account is active, pending deletion, deleted or unknown.</summary>
public sealed class GetAccountStatusConsumer(AccountDeletionService deletions) : IConsumer<GetAccountStatus>
{
    public async Task Consume(ConsumeContext<GetAccountStatus> context) =>
        await context.RespondAsync(await deletions.StatusAsync(context.Message.PlayerId, context.CancellationToken));
}
