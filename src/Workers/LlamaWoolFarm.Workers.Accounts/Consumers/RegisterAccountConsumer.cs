using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a registration with the new account or the refusal.</summary>
public sealed class RegisterAccountConsumer(AccountService accounts) : IConsumer<RegisterAccount>
{
    public async Task Consume(ConsumeContext<RegisterAccount> context) =>
        await context.RespondAsync(await accounts.RegisterAsync(context.Message, context.CancellationToken));
}
