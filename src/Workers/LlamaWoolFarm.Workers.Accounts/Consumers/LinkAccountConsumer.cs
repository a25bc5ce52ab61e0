using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a guest-to-email link.</summary>
public sealed class LinkAccountConsumer(AccountService accounts) : IConsumer<LinkAccount>
{
    public async Task Consume(ConsumeContext<LinkAccount> context) =>
        await context.RespondAsync(await accounts.LinkAsync(context.Message, context.CancellationToken));
}
