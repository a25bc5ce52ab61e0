using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>
/// Queues a reset mail when the email has an account, and answers the same in every case, so the answer tells
/// nothing about which emails have accounts. The mail itself is made and sent by <see cref="SendPasswordResetMailConsumer"/>.
/// </summary>
public sealed class RequestPasswordResetConsumer(PasswordService passwords, IAcceptedCommands mails) : IConsumer<RequestPasswordReset>
{
    public async Task Consume(ConsumeContext<RequestPasswordReset> context)
    {
        if (await passwords.ResetTargetAsync(context.Message.Email, context.CancellationToken) is { } playerId)
        {
            // Sent durably (Standalone's outbox, a broker confirm otherwise): the answer promises this mail.
            await mails.SendAsync(new SendPasswordResetMail(playerId), context.CancellationToken);
        }

        await context.RespondAsync(new PasswordResetAccepted(true));
    }
}
