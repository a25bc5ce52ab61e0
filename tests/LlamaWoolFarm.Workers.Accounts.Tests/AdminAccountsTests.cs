using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>Operators named by <c>Accounts:AdminEmails</c> become admins when they sign in; nobody else does.</summary>
public sealed class AdminAccountsTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task An_account_whose_email_is_configured_gets_the_admin_role_at_login_and_keeps_it()
    {
        var admins = AdminAccounts.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Accounts:AdminEmails"] = "ops@example.org, Boss@Example.org",
        }).Build());
        await using var bus = await AccountsBus.StartAsync(services: s => s.AddSingleton(admins));

        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, "boss@example.org"));
        var player = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, "player@example.org"));
        var login = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, "BOSS@example.org", Password));
        var playerLogin = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, "player@example.org", Password));

        Assert.Equal(["player"], registered.Roles);
        Assert.Equal(["player", "admin"], login.Roles);
        Assert.Equal(["player"], playerLogin.Roles);
        Assert.Equal(player.PlayerId, playerLogin.PlayerId);
        // The role is stored, so a second login neither adds it twice nor needs the setting to be read again.
        Assert.Equal(["player", "admin"], Assert.IsType<AccountAuthenticated>(await CredentialsTests.Login(bus, "boss@example.org", Password)).Roles);
    }

    [Fact]
    public async Task A_wrong_password_for_a_configured_email_grants_nothing()
    {
        var admins = new AdminAccounts(["ops@example.org"]);
        await using var bus = await AccountsBus.StartAsync(services: s => s.AddSingleton(admins));
        var registered = Assert.IsType<AccountAuthenticated>(await CredentialsTests.Register(bus, "ops@example.org"));

        Assert.IsType<AccountRefused>(await CredentialsTests.Login(bus, "ops@example.org", "not the password"));

        Assert.Equal(["player"], (await CredentialsTests.Account(bus, registered.PlayerId)).Roles);
    }
}
