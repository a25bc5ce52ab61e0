namespace LlamaWoolFarm.Gateway.Auth;

/// <summary>Brute-force limits on login (section <c>Auth:Lockout</c>).</summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "Auth:Lockout";

    /// <summary>Failed logins of one account within <see cref="Window"/> before it is locked for the rest of the window.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed logins from one address within <see cref="Window"/> before it is locked out.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
