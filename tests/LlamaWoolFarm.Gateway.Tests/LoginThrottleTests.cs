using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Storage.RateLimits;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>The login throttle's counters on their own, with addresses the HTTP tests cannot vary.</summary>
public sealed class LoginThrottleTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly LoginThrottleOptions _options = new()
    {
        MaxFailuresPerAddressAndAccount = 2,
        MaxFailuresPerAccount = 4,
        FreeFailuresPerAddress = 100,
        Window = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public async Task An_address_that_failed_on_an_account_is_kept_off_it_while_other_addresses_may_still_try_it()
    {
        var throttle = new LoginThrottle(new InProcessAttemptCounter(_clock), _options);

        await throttle.FailedAsync("victim@example.org", "10.0.0.1", CancellationToken.None);
        await throttle.FailedAsync("Victim@Example.org ", "10.0.0.1", CancellationToken.None);

        Assert.NotNull(await throttle.LockedForAsync("victim@example.org", "10.0.0.1", CancellationToken.None));
        Assert.Null(await throttle.LockedForAsync("victim@example.org", "10.0.0.2", CancellationToken.None));
        Assert.Null(await throttle.LockedForAsync("neighbour@example.org", "10.0.0.1", CancellationToken.None));
    }

    [Fact]
    public async Task Failures_of_one_account_spread_over_addresses_lock_the_account_for_the_rest_of_the_window()
    {
        var throttle = new LoginThrottle(new InProcessAttemptCounter(_clock), _options);

        for (var i = 1; i <= 4; i++)
        {
            await throttle.FailedAsync("victim@example.org", "10.0.1." + i, CancellationToken.None);
        }

        Assert.Equal(TimeSpan.FromMinutes(15), await throttle.LockedForAsync("victim@example.org", "10.0.2.1", CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(await throttle.LockedForAsync("victim@example.org", "10.0.2.1", CancellationToken.None));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(7, 8)]
    [InlineData(9, 30)]
    [InlineData(5000, 30)]
    public void The_address_delay_is_free_then_doubles_up_to_its_cap(long failures, int seconds)
    {
        var options = new LoginThrottleOptions { FreeFailuresPerAddress = 3, AddressDelay = TimeSpan.FromSeconds(1), MaxAddressDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.AddressDelayAfter(failures));
    }

    [Fact]
    public void Unusable_lockout_settings_stop_the_start()
    {
        var options = new LoginThrottleOptions { MaxFailuresPerAddressAndAccount = 10, MaxFailuresPerAccount = 5 };

        Assert.Contains(options.Validate(), e => e.Contains("Auth:Lockout:MaxFailuresPerAccount", StringComparison.Ordinal));
    }
}
