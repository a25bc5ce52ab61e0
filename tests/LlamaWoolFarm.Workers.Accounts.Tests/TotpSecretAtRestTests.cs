using System.Security.Cryptography;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using static LlamaWoolFarm.Workers.Accounts.Tests.CredentialsTests;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>TOTP secrets are sealed with Data Protection in the players collection, and still verify.</summary>
public sealed class TotpSecretAtRestTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task The_stored_account_never_holds_the_secret_and_codes_still_verify()
    {
        await using var bus = await AccountsBus.StartAsync();
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "sealed@example.org")).PlayerId;

        var setup = Assert.IsType<TwoFactorSetupStarted>(await bus.AskAsync<SetupTwoFactor, TwoFactorSetupStarted, AccountRefused>(new SetupTwoFactor(player, null)));
        AssertSealed(await Account(bus, player), setup.Secret);
        Assert.IsType<TwoFactorEnabled>(await bus.AskAsync<VerifyTwoFactor, TwoFactorEnabled, AccountRefused>(
            new VerifyTwoFactor(player, TwoFactor.CodeAt(setup.Secret, Clock(bus).Now), null)));
        Clock(bus).Advance(TimeSpan.FromMinutes(1));
        var login = await Login(bus, "sealed@example.org", Password, TwoFactor.CodeAt(setup.Secret, Clock(bus).Now));

        Assert.Equal(player, Assert.IsType<AccountAuthenticated>(login).PlayerId);
        var account = await Account(bus, player);
        AssertSealed(account, setup.Secret);
        Assert.True(TwoFactor.IsSealed(account.TotpSecret));
    }

    [Fact]
    public async Task A_sealed_secret_opens_with_the_persisted_key_ring_and_not_with_another()
    {
        var keys = TestServers.NewDataFolder();
        string secret;
        string sealedSecret;
        await using (var bus = await AccountsBus.StartAsync(keys: keys))
        {
            var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "ring@example.org")).PlayerId;
            secret = Assert.IsType<TwoFactorSetupStarted>(await bus.AskAsync<SetupTwoFactor, TwoFactorSetupStarted, AccountRefused>(new SetupTwoFactor(player, null))).Secret;
            sealedSecret = (await Account(bus, player)).TotpPendingSecret!;
        }

        // A restarted process: a new key ring object over the same folder.
        Assert.Equal(secret, TwoFactorWith(keys).Open(sealedSecret));
        Assert.ThrowsAny<CryptographicException>(() => TwoFactorWith(TestServers.NewDataFolder()).Open(sealedSecret));
        // Sealed is the only stored format: a plain secret is refused, not used.
        Assert.ThrowsAny<CryptographicException>(() => TwoFactorWith(keys).Open(secret));
    }

    private static void AssertSealed(PlayerAccount account, string secret)
    {
        var stored = JsonSerializer.Serialize(account, DocumentJson.Options);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.True(TwoFactor.IsSealed(account.TotpSecret ?? account.TotpPendingSecret));
    }

    private static TwoFactor TwoFactorWith(string keys)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(DataProtectionExtensions.ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keys));
        using var provider = services.BuildServiceProvider();
        return new TwoFactor(TimeProvider.System, provider.GetRequiredService<IDataProtectionProvider>());
    }
}
