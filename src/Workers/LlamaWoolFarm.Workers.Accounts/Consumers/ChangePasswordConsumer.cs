using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a password change with <see cref="PasswordChanged"/> or the refusal.</summary>
public sealed class ChangePasswordConsumer(PasswordService passwords) : IConsumer<ChangePassword>
{
    public async Task Consume(ConsumeContext<ChangePassword> context) =>
        await context.RespondAsync(await passwords.ChangeAsync(context.Message, context.CancellationToken));
}
