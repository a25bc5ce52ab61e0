using LlamaWoolFarm.Contracts.Accounts;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>
/// The accounts module's answer to <c>POST auth/guest</c>: the guest account of a device, found or created (a pending
/// deletion called off). Over the bus (<see cref="BusGuestAccounts"/>) unless the host runs the accounts module in the
/// same process and hands the request to it directly (Standalone), which saves the request/response round trip —
/// the largest single cost of a sign-in there.
/// </summary>
public interface IGuestAccounts
{
    Task<GuestRegistered> SignInAsync(string deviceId, string? requestId, CancellationToken cancellationToken);
}

/// <summary><see cref="IGuestAccounts"/> as a <see cref="RegisterGuest"/> request to whichever accounts worker takes it.</summary>
public sealed class BusGuestAccounts(IRequestClient<RegisterGuest> accounts) : IGuestAccounts
{
    public async Task<GuestRegistered> SignInAsync(string deviceId, string? requestId, CancellationToken cancellationToken) =>
        (await accounts.GetResponse<GuestRegistered>(new RegisterGuest(deviceId, requestId), cancellationToken)).Message;
}
