using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers an email verification with <see cref="EmailVerified"/> or the refusal.</summary>
public sealed class VerifyEmailConsumer(EmailVerificationService verification) : IConsumer<VerifyEmail>
{
    public async Task Consume(ConsumeContext<VerifyEmail> context) =>
        await context.RespondAsync(await verification.VerifyAsync(context.Message, context.CancellationToken));
}
