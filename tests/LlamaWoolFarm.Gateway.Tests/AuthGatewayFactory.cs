namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway with the real accounts worker behind it on the test harness and a manual clock, with limits no test
/// reaches.
/// </summary>
public sealed class AuthGatewayFactory : GatewayFactory
{
    public AuthGatewayFactory() => WithManualClock().WithAccountsWorker().WithLooseRateLimits();
}

/// <summary>The same gateway with small limits, for the rate limit and lockout tests.</summary>
public sealed class StrictLimitsGatewayFactory : GatewayFactory
{
    public StrictLimitsGatewayFactory() => WithManualClock().WithAccountsWorker()
        .WithSetting("RateLimits:Auth", "1000")
        .WithSetting("RateLimits:PerPlayer", "5")
        .WithSetting("RateLimits:PerAddress", "1000")
        .WithSetting("Auth:Lockout:MaxFailuresPerAddressAndAccount", "3")
        .WithSetting("Auth:Lockout:MaxFailuresPerAccount", "3")
        .WithSetting("Auth:Lockout:FreeFailuresPerAddress", "6")
        .WithSetting("Auth:Lockout:AddressDelay", "00:00:10")
        .WithSetting("Auth:Lockout:MaxAddressDelay", "00:00:30")
        .WithSetting("Auth:Lockout:Window", "00:15:00");
}
