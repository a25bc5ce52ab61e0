using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a sign-in with the account or INVALID_CREDENTIALS / 2FA codes.</summary>
public sealed class LoginAccountConsumer(AccountService accounts) : IConsumer<LoginAccount>
{
    public async Task Consume(ConsumeContext<LoginAccount> context) =>
        await context.RespondAsync(await accounts.LoginAsync(context.Message, context.CancellationToken));
}
