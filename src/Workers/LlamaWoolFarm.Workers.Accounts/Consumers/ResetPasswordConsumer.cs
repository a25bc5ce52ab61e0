using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a reset with <see cref="PasswordChanged"/> or <c>INVALID_RESET_TOKEN</c>, announcing a reset first.</summary>
public sealed class ResetPasswordConsumer(PasswordService passwords, TimeProvider clock) : IConsumer<ResetPassword>
{
    public async Task Consume(ConsumeContext<ResetPassword> context) =>
        await context.RespondAsync(await PasswordChanges.AnnounceAsync(context, await passwords.ResetAsync(context.Message, context.CancellationToken), clock));
}
