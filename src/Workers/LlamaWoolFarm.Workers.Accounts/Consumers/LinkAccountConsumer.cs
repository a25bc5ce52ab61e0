using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a guest-to-email link.</summary>
public sealed class LinkAccountConsumer(AccountService accounts) : IConsumer<LinkAccount>
{
    public async Task Consume(ConsumeContext<LinkAccount> context)
    {
        var answer = await accounts.LinkAsync(context.Message, context.CancellationToken);
        if (answer is AccountAuthenticated added)
        {
            // The new email is confirmed by a link mailed to it; signing in does not wait for that.
            await context.Publish(new SendEmailVerificationMail(added.PlayerId, Resend: false), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
