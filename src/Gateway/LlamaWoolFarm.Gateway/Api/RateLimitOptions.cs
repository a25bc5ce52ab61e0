namespace LlamaWoolFarm.Gateway.Api;

/// <summary>Request rate limits (section <c>RateLimits</c>), fixed windows per partition.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per window of one authenticated player.</summary>
    public int PerPlayer { get; set; } = 300;

    /// <summary>Requests per window of one client address without a token.</summary>
    public int PerAddress { get; set; } = 300;

    /// <summary>Requests per window of one client address to the credential routes (guest, register, login, refresh, link).</summary>
    public int Auth { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Prefix of the Redis keys, so deployments (or test runs) sharing a server keep their limits apart.</summary>
    public string KeyPrefix { get; set; } = "lwf:rl:";
}
