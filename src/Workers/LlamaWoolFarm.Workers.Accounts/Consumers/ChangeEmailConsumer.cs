using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Starts an email change and queues the verification mail to the new address.</summary>
public sealed class ChangeEmailConsumer(EmailVerificationService verification, IAcceptedCommands mails) : IConsumer<ChangeEmail>
{
    public async Task Consume(ConsumeContext<ChangeEmail> context)
    {
        var answer = await verification.ChangeEmailAsync(context.Message, context.CancellationToken);
        if (answer is EmailVerificationSent sent)
        {
            // Sent durably (Standalone's outbox, a broker confirm otherwise): the answer promises this mail.
            await mails.SendAsync(new SendEmailVerificationMail(sent.PlayerId, Resend: false), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
