using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Starts an email change and queues the verification mail to the new address.</summary>
public sealed class ChangeEmailConsumer(EmailVerificationService verification) : IConsumer<ChangeEmail>
{
    public async Task Consume(ConsumeContext<ChangeEmail> context)
    {
        var answer = await verification.ChangeEmailAsync(context.Message, context.CancellationToken);
        if (answer is EmailVerificationSent sent)
        {
            await context.Publish(new SendEmailVerificationMail(sent.PlayerId, Resend: false), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
