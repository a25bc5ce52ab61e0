using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a sign-in with the account or INVALID_CREDENTIALS / 2FA codes; signing in calls off a pending deletion.</summary>
public sealed class LoginAccountConsumer(AccountService accounts, AccountDeletionService deletions) : IConsumer<LoginAccount>
{
    public async Task Consume(ConsumeContext<LoginAccount> context)
    {
        var answer = await accounts.LoginAsync(context.Message, context.CancellationToken);
        if (answer is AccountAuthenticated signedIn && await deletions.CancelOnSignInAsync(signedIn.PlayerId, context.CancellationToken) is { } cancelled)
        {
            await context.Publish(cancelled, context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
