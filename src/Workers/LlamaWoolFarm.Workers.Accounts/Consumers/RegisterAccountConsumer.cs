using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a registration with the new account or the refusal.</summary>
public sealed class RegisterAccountConsumer(AccountService accounts) : IConsumer<RegisterAccount>
{
    public async Task Consume(ConsumeContext<RegisterAccount> context)
    {
        var answer = await accounts.RegisterAsync(context.Message, context.CancellationToken);
        if (answer is AccountAuthenticated added)
        {
            // The new email is confirmed by a link mailed to it; signing in does not wait for that.
            await context.Publish(new SendEmailVerificationMail(added.PlayerId, Resend: false), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
