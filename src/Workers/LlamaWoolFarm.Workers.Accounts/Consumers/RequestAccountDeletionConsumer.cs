using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Schedules an account's deletion after the grace period and starts the deletion saga.</summary>
public sealed class RequestAccountDeletionConsumer(AccountDeletionService deletions) : IConsumer<RequestAccountDeletion>
{
    public async Task Consume(ConsumeContext<RequestAccountDeletion> context)
    {
        var (answer, requested) = await deletions.RequestAsync(context.Message, context.CancellationToken);
        if (requested is not null)
        {
            await context.Publish(requested, context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
