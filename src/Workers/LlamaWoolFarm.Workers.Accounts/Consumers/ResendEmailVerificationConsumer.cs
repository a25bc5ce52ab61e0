using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Queues the verification mail again (the cooldown of the mail consumer applies).</summary>
public sealed class ResendEmailVerificationConsumer(EmailVerificationService verification) : IConsumer<ResendEmailVerification>
{
    public async Task Consume(ConsumeContext<ResendEmailVerification> context)
    {
        var answer = await verification.ResendAsync(context.Message, context.CancellationToken);
        if (answer is EmailVerificationSent sent)
        {
            await context.Publish(new SendEmailVerificationMail(sent.PlayerId, Resend: true), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
