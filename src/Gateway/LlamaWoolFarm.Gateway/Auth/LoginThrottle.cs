using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.Storage.RateLimits;

namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>
/// Counts failed logins per account (by email) and per client address in the shared attempt counters, and locks
/// either out for the rest of its window once it reaches its limit. The email is kept only as a hash.
/// </summary>
public sealed class LoginThrottle(IAttemptCounter counters, LoginThrottleOptions options)
{
    /// <summary>How long the caller must wait, or null when the login may be tried.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email, string address, CancellationToken cancellationToken)
    {
        var account = await counters.GetAsync(AccountKey(email), cancellationToken);
        var ip = await counters.GetAsync(AddressKey(address), cancellationToken);
        var waits = new List<TimeSpan>();
        if (account.Count >= options.MaxFailuresPerAccount)
        {
            waits.Add(account.RemainingWindow);
        }

        if (ip.Count >= options.MaxFailuresPerAddress)
        {
            waits.Add(ip.RemainingWindow);
        }

        return waits.Count == 0 ? null : waits.Max();
    }

    public async Task FailedAsync(string email, string address, CancellationToken cancellationToken)
    {
        await counters.IncrementAsync(AccountKey(email), options.Window, cancellationToken);
        await counters.IncrementAsync(AddressKey(address), options.Window, cancellationToken);
    }

    /// <summary>A successful login clears the account's count (the address keeps its count: it may try many accounts).</summary>
    public Task SucceededAsync(string email, CancellationToken cancellationToken) => counters.ResetAsync(AccountKey(email), cancellationToken);

    private static string AccountKey(string email) =>
        "login:account:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    private static string AddressKey(string address) => "login:address:" + address;
}
