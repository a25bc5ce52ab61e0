using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.Domain.Accounts;
using LlamaWoolFarm.Storage.RateLimits;

namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>
/// Slows password guessing without locking out everyone behind one address (a NAT, a school, a mobile carrier):
/// an address that failed too often on one account may not try that account for the rest of the window; an account
/// that failed too often from everywhere together is locked for the rest of the window; and an address that failed
/// many times across accounts waits a growing, capped delay after each further failure. A login that succeeded from
/// an address before skips that address's delay for its account. Counters live in the shared attempt counters; the
/// email is kept only as a hash.
/// </summary>
public sealed class LoginThrottle(IAttemptCounter counters, LoginThrottleOptions options)
{
    /// <summary>How long the caller must wait, or null when the login may be tried.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email, string address, CancellationToken cancellationToken)
    {
        var account = AccountHash(email);
        var waits = new List<TimeSpan>();
        var pair = await counters.GetAsync(PairKey(address, account), cancellationToken);
        if (pair.Count >= options.MaxFailuresPerAddressAndAccount)
        {
            waits.Add(pair.RemainingWindow);
        }

        var everywhere = await counters.GetAsync(AccountKey(account), cancellationToken);
        if (everywhere.Count >= options.MaxFailuresPerAccount)
        {
            waits.Add(everywhere.RemainingWindow);
        }

        var delay = await counters.GetAsync(AddressWaitKey(address), cancellationToken);
        if (delay.Count > 0 && (await counters.GetAsync(KnownKey(address, account), cancellationToken)).Count == 0)
        {
            waits.Add(delay.RemainingWindow);
        }

        return waits.Count == 0 ? null : waits.Max();
    }

    public async Task FailedAsync(string email, string address, CancellationToken cancellationToken)
    {
        var account = AccountHash(email);
        await counters.IncrementAsync(PairKey(address, account), options.Window, cancellationToken);
        await counters.IncrementAsync(AccountKey(account), options.Window, cancellationToken);
        var fromAddress = await counters.IncrementAsync(AddressKey(address), options.Window, cancellationToken);
        var wait = options.AddressDelayAfter(fromAddress.Count);
        if (wait > TimeSpan.Zero)
        {
            // The wait starts at this failure: the old one is replaced, never extended.
            await counters.ResetAsync(AddressWaitKey(address), cancellationToken);
            await counters.IncrementAsync(AddressWaitKey(address), wait, cancellationToken);
        }
    }

    /// <summary>
    /// A successful login clears the account's counts and lets this address skip its delay for this account (the
    /// address keeps its own count: it may try many accounts).
    /// </summary>
    public async Task SucceededAsync(string email, string address, CancellationToken cancellationToken)
    {
        var account = AccountHash(email);
        await counters.ResetAsync(AccountKey(account), cancellationToken);
        await counters.ResetAsync(PairKey(address, account), cancellationToken);
        await counters.ResetAsync(KnownKey(address, account), cancellationToken);
        await counters.IncrementAsync(KnownKey(address, account), options.KnownAddressLifetime, cancellationToken);
    }

    // Keyed like the accounts worker finds the account, so a full-width or re-cased copy of an email counts with it.
    private static string AccountHash(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(LookAlikes.EmailKey(email))));

    private static string AccountKey(string account) => "login:account:" + account;

    private static string PairKey(string address, string account) => "login:pair:" + address + ":" + account;

    private static string KnownKey(string address, string account) => "login:known:" + address + ":" + account;

    private static string AddressKey(string address) => "login:address:" + address;

    private static string AddressWaitKey(string address) => "login:address-wait:" + address;
}
