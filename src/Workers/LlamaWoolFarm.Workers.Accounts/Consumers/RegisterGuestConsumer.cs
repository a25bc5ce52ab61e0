using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers the guest account of a device, creating it on first sight.</summary>
public sealed class RegisterGuestConsumer(AccountService accounts) : IConsumer<RegisterGuest>
{
    public async Task Consume(ConsumeContext<RegisterGuest> context) =>
        await context.RespondAsync(await accounts.RegisterGuestAsync(context.Message.DeviceId, context.CancellationToken));
}
