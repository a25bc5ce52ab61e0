using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Makes a reset token and mails it; an SMTP fault is thrown, so the message is retried.</summary>
public sealed class SendPasswordResetMailConsumer(PasswordService passwords) : IConsumer<SendPasswordResetMail>
{
    public Task Consume(ConsumeContext<SendPasswordResetMail> context) =>
        passwords.SendResetMailAsync(context.Message.PlayerId, context.CancellationToken);
}
