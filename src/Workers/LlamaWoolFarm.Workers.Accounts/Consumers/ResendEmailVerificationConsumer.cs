using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Queues the verification mail again (the cooldown of the mail consumer applies).</summary>
public sealed class ResendEmailVerificationConsumer(EmailVerificationService verification, IAcceptedCommands mails) : IConsumer<ResendEmailVerification>
{
    public async Task Consume(ConsumeContext<ResendEmailVerification> context)
    {
        var answer = await verification.ResendAsync(context.Message, context.CancellationToken);
        if (answer is EmailVerificationSent sent)
        {
            // Sent durably (Standalone's outbox, a broker confirm otherwise): the answer promises this mail.
            await mails.SendAsync(new SendEmailVerificationMail(sent.PlayerId, Resend: true), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
