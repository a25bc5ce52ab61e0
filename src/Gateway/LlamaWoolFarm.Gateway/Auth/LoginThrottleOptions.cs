using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>Brute-force limits on login (section <c>Auth:Lockout</c>).</summary>
public sealed class LoginThrottleOptions : IValidatableObject
{
    public const string SectionName = "Auth:Lockout";

    /// <summary>
    /// Failed logins of one account from one address within <see cref="Window"/> before that address may not try that
    /// account for the rest of the window.
    /// </summary>
    public int MaxFailuresPerAddressAndAccount { get; set; } = 5;

    /// <summary>
    /// Failed logins of one account from every address together within <see cref="Window"/> before the account is
    /// locked for the rest of the window (guessing spread over many addresses).
    /// </summary>
    public int MaxFailuresPerAccount { get; set; } = 20;

    /// <summary>Failed logins from one address within <see cref="Window"/> that cost no waiting.</summary>
    public int FreeFailuresPerAddress { get; set; } = 10;

    /// <summary>The wait after the first failure past the free ones; each further failure doubles it.</summary>
    public TimeSpan AddressDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait an address is given after a failure.</summary>
    public TimeSpan MaxAddressDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a successful login lets its (address, account) pair skip the address's wait.</summary>
    public TimeSpan KnownAddressLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The wait after the <paramref name="failures"/>th failure from one address in the window: none for the free
    /// ones, then <see cref="AddressDelay"/> doubling per failure up to <see cref="MaxAddressDelay"/>.
    /// </summary>
    public TimeSpan AddressDelayAfter(long failures)
    {
        var past = failures - FreeFailuresPerAddress;
        if (past <= 0)
        {
            return TimeSpan.Zero;
        }

        // Doubling past 2^20 can only exceed any sensible cap; stopping there keeps the arithmetic in range.
        var factor = Math.Pow(2, Math.Min(past - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(AddressDelay.Ticks * factor, MaxAddressDelay.Ticks));
    }

    /// <summary>The problems with these settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFailuresPerAddressAndAccount < 1 || MaxFailuresPerAccount < MaxFailuresPerAddressAndAccount)
        {
            errors.Add("Auth:Lockout:MaxFailuresPerAddressAndAccount must be at least 1 and Auth:Lockout:MaxFailuresPerAccount at least as large.");
        }

        if (FreeFailuresPerAddress < 0)
        {
            errors.Add("Auth:Lockout:FreeFailuresPerAddress must be at least 0.");
        }

        if (AddressDelay <= TimeSpan.Zero || MaxAddressDelay < AddressDelay || MaxAddressDelay > Window)
        {
            errors.Add("Auth:Lockout:AddressDelay must be positive, and Auth:Lockout:MaxAddressDelay between it and Auth:Lockout:Window.");
        }

        if (Window <= TimeSpan.Zero || KnownAddressLifetime <= TimeSpan.Zero)
        {
            errors.Add("Auth:Lockout:Window and Auth:Lockout:KnownAddressLifetime must be positive.");
        }

        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
