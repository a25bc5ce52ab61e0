using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Makes a verification token and mails it; an SMTP fault is thrown, so the message is retried.</summary>
public sealed class SendEmailVerificationMailConsumer(EmailVerificationService verification) : IConsumer<SendEmailVerificationMail>
{
    public Task Consume(ConsumeContext<SendEmailVerificationMail> context) =>
        verification.SendVerificationMailAsync(context.Message.PlayerId, context.Message.Resend, context.CancellationToken);
}
