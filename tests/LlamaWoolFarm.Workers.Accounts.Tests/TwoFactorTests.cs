using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using static LlamaWoolFarm.Workers.Accounts.Tests.CredentialsTests;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>TOTP setup, verification and login codes, on the manual clock.</summary>
public sealed class TwoFactorTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Setup_gives_a_provisioning_uri_and_a_right_code_turns_2fa_on()
    {
        await using var bus = await AccountsBus.StartAsync();
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "totp@example.org")).PlayerId;

        var setup = Assert.IsType<TwoFactorSetupStarted>(await bus.AskAsync<SetupTwoFactor, TwoFactorSetupStarted, AccountRefused>(new SetupTwoFactor(player, null)));
        var enabled = await bus.AskAsync<VerifyTwoFactor, TwoFactorEnabled, AccountRefused>(new VerifyTwoFactor(player, TwoFactor.CodeAt(setup.Secret, Clock(bus).Now), null));

        Assert.StartsWith("otpauth://totp/", setup.ProvisioningUri, StringComparison.Ordinal);
        Assert.Contains("secret=" + setup.Secret, setup.ProvisioningUri, StringComparison.Ordinal);
        Assert.IsType<TwoFactorEnabled>(enabled);
        Assert.True(Assert.IsType<PlayerProfile>(await Profile(bus, player)).TwoFactorEnabled);
    }

    [Fact]
    public async Task A_wrong_verification_code_leaves_2fa_off()
    {
        await using var bus = await AccountsBus.StartAsync();
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "totp2@example.org")).PlayerId;
        var setup = Assert.IsType<TwoFactorSetupStarted>(await bus.AskAsync<SetupTwoFactor, TwoFactorSetupStarted, AccountRefused>(new SetupTwoFactor(player, null)));

        var refused = Assert.IsType<AccountRefused>(await bus.AskAsync<VerifyTwoFactor, TwoFactorEnabled, AccountRefused>(
            new VerifyTwoFactor(player, WrongCode(setup.Secret, Clock(bus).Now), null)));

        Assert.Equal(AccountErrorCodes.InvalidTwoFactorCode, refused.Code);
        Assert.False(Assert.IsType<PlayerProfile>(await Profile(bus, player)).TwoFactorEnabled);
        Assert.IsType<AccountAuthenticated>(await Login(bus, "totp2@example.org", Password));
    }

    [Fact]
    public async Task Verifying_without_setup_is_refused()
    {
        await using var bus = await AccountsBus.StartAsync();
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "totp3@example.org")).PlayerId;

        var refused = Assert.IsType<AccountRefused>(await bus.AskAsync<VerifyTwoFactor, TwoFactorEnabled, AccountRefused>(new VerifyTwoFactor(player, "123456", null)));

        Assert.Equal(AccountErrorCodes.TwoFactorNotPending, refused.Code);
    }

    [Fact]
    public async Task With_2fa_on_login_needs_a_right_code_and_a_code_cannot_be_replayed()
    {
        await using var bus = await AccountsBus.StartAsync();
        var (player, secret) = await EnableAsync(bus, "totp4@example.org");
        var clock = Clock(bus);
        clock.Advance(TimeSpan.FromMinutes(5));
        var code = TwoFactor.CodeAt(secret, clock.Now);

        var missing = Assert.IsType<AccountRefused>(await Login(bus, "totp4@example.org", Password));
        var wrong = Assert.IsType<AccountRefused>(await Login(bus, "totp4@example.org", Password, WrongCode(secret, clock.Now)));
        var right = Assert.IsType<AccountAuthenticated>(await Login(bus, "totp4@example.org", Password, code));
        var replayed = Assert.IsType<AccountRefused>(await Login(bus, "totp4@example.org", Password, code));
        clock.Advance(TimeSpan.FromSeconds(30));
        var next = await Login(bus, "totp4@example.org", Password, TwoFactor.CodeAt(secret, clock.Now));

        Assert.Equal(AccountErrorCodes.TwoFactorRequired, missing.Code);
        Assert.Equal(AccountErrorCodes.InvalidTwoFactorCode, wrong.Code);
        Assert.Equal(player, right.PlayerId);
        Assert.Equal(AccountErrorCodes.InvalidTwoFactorCode, replayed.Code);
        Assert.IsType<AccountAuthenticated>(next);
    }

    [Fact]
    public async Task An_earlier_code_still_inside_the_drift_window_is_a_replay_after_a_later_one_was_used()
    {
        await using var bus = await AccountsBus.StartAsync();
        var (_, secret) = await EnableAsync(bus, "totp5@example.org");
        var clock = Clock(bus);
        clock.Advance(TimeSpan.FromMinutes(5));
        var earlier = TwoFactor.CodeAt(secret, clock.Now);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.IsType<AccountAuthenticated>(await Login(bus, "totp5@example.org", Password, TwoFactor.CodeAt(secret, clock.Now)));
        var refused = Assert.IsType<AccountRefused>(await Login(bus, "totp5@example.org", Password, earlier));

        Assert.Equal(AccountErrorCodes.InvalidTwoFactorCode, refused.Code);
    }

    [Fact]
    public async Task A_wrong_password_with_a_right_code_is_invalid_credentials()
    {
        await using var bus = await AccountsBus.StartAsync();
        var (_, secret) = await EnableAsync(bus, "totp6@example.org");
        var clock = Clock(bus);
        clock.Advance(TimeSpan.FromMinutes(5));

        var refused = Assert.IsType<AccountRefused>(await Login(bus, "totp6@example.org", "not the password", TwoFactor.CodeAt(secret, clock.Now)));

        Assert.Equal(AccountErrorCodes.InvalidCredentials, refused.Code);
    }

    private static async Task<(Guid Player, string Secret)> EnableAsync(Microsoft.Extensions.DependencyInjection.ServiceProvider bus, string email)
    {
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, email)).PlayerId;
        var setup = Assert.IsType<TwoFactorSetupStarted>(await bus.AskAsync<SetupTwoFactor, TwoFactorSetupStarted, AccountRefused>(new SetupTwoFactor(player, null)));
        Assert.IsType<TwoFactorEnabled>(await bus.AskAsync<VerifyTwoFactor, TwoFactorEnabled, AccountRefused>(
            new VerifyTwoFactor(player, TwoFactor.CodeAt(setup.Secret, Clock(bus).Now), null)));
        return (player, setup.Secret);
    }

    // A code no step of the drift window produces.
    private static string WrongCode(string secret, DateTimeOffset now)
    {
        var valid = new[] { -30, 0, 30 }.Select(s => TwoFactor.CodeAt(secret, now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));
    }
}
