using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a registration with the new account or the refusal.</summary>
public sealed class RegisterAccountConsumer(AccountService accounts, IAcceptedCommands mails) : IConsumer<RegisterAccount>
{
    public async Task Consume(ConsumeContext<RegisterAccount> context)
    {
        var answer = await accounts.RegisterAsync(context.Message, context.CancellationToken);
        if (answer is AccountAuthenticated added)
        {
            // The new email is confirmed by a link mailed to it; signing in does not wait for that. It is sent durably
            // (Standalone's outbox, a broker confirm otherwise), so a crash after the answer does not lose it.
            await mails.SendAsync(new SendEmailVerificationMail(added.PlayerId, Resend: false), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
