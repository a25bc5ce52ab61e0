using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Standalone;

/// <summary>
/// Guest sign-in handed to the accounts module in this process: the same <see cref="GuestSignIn"/> its
/// <c>RegisterGuest</c> consumer runs, without the in-memory bus's request/response round trip, which cost more than
/// the sign-in's own work (a profile of existing-device sign-ins spent about a quarter of the process's CPU in the
/// bus's send and receive pipelines and their allocations). The accounts module still does every read and write of
/// its collection, and a deletion called off is published as before.
/// </summary>
public sealed class InProcessGuestAccounts(GuestSignIn guests, IBus bus) : IGuestAccounts
{
    // The consumer's transient faults (a lost optimistic race, a busy store) are retried by the bus's message retry;
    // in process they are retried here, a few times with a short backoff.
    private const int MaxAttempts = 5;

    public async Task<GuestRegistered> SignInAsync(string deviceId, string? requestId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (guest, cancelled) = await guests.SignInAsync(deviceId, cancellationToken);
                if (cancelled is not null)
                {
                    await bus.Publish(cancelled, cancellationToken);
                }

                return guest;
            }
            catch (Exception error) when (attempt < MaxAttempts && error is not OperationCanceledException && TransientFaults.IsTransient(error))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 << attempt), cancellationToken);
            }
        }
    }
}
