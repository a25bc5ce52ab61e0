using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers the guest account of a device, creating it on first sight; a guest signing in again calls off a pending deletion.</summary>
public sealed class RegisterGuestConsumer(GuestSignIn guests) : IConsumer<RegisterGuest>
{
    public async Task Consume(ConsumeContext<RegisterGuest> context)
    {
        var (guest, cancelled) = await guests.SignInAsync(context.Message.DeviceId, context.CancellationToken);
        if (cancelled is not null)
        {
            await context.Publish(cancelled, context.CancellationToken);
        }

        await context.RespondAsync(guest);
    }
}
