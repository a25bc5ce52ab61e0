using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>Register, login and link through the bus, as the gateway asks them.</summary>
public sealed class CredentialsTests
{
    internal const string Password = "correct horse battery";

    [Fact]
    public async Task A_registered_account_can_log_in_with_any_letter_case_of_its_email()
    {
        await using var bus = await AccountsBus.StartAsync();

        var registered = Assert.IsType<AccountAuthenticated>(await Register(bus, "Wool@Example.org"));
        var login = Assert.IsType<AccountAuthenticated>(await Login(bus, "  wool@EXAMPLE.org ", Password));

        Assert.True(registered.Created);
        Assert.Equal(registered.PlayerId, login.PlayerId);
        Assert.Equal(["player"], login.Roles);
    }

    [Fact]
    public async Task The_password_is_stored_as_an_argon2id_hash_never_as_text()
    {
        await using var bus = await AccountsBus.StartAsync();
        var registered = Assert.IsType<AccountAuthenticated>(await Register(bus, "hash@example.org"));

        var stored = await Account(bus, registered.PlayerId);

        Assert.StartsWith("$argon2id$v=19$m=256,t=1,p=1$", stored.PasswordHash);
        Assert.DoesNotContain(Password, stored.PasswordHash!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong@example.org", Password)]
    [InlineData("hunter@example.org", "wrong password!")]
    [InlineData("hunter@example.org", "")]
    public async Task A_wrong_email_or_password_answers_the_same_code(string email, string password)
    {
        await using var bus = await AccountsBus.StartAsync();
        await Register(bus, "hunter@example.org");

        var refused = Assert.IsType<AccountRefused>(await Login(bus, email, password));

        Assert.Equal(AccountErrorCodes.InvalidCredentials, refused.Code);
        Assert.Null(refused.Field);
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_and_the_first_account_keeps_its_password()
    {
        await using var bus = await AccountsBus.StartAsync();
        await Register(bus, "twice@example.org");

        var refused = Assert.IsType<AccountRefused>(await bus.AskAsync<RegisterAccount, AccountAuthenticated, AccountRefused>(
            new RegisterAccount("TWICE@example.org", "another password", null, null)));

        Assert.Equal(AccountErrorCodes.EmailTaken, refused.Code);
        Assert.IsType<AccountAuthenticated>(await Login(bus, "twice@example.org", Password));
        Assert.IsType<AccountRefused>(await Login(bus, "twice@example.org", "another password"));
    }

    [Theory]
    [InlineData("not-an-email", Password, "email")]
    [InlineData("a@b", Password, "email")]
    [InlineData("two@@example.org", Password, "email")]
    [InlineData("ok@example.org", "short", "password")]
    [InlineData("ok@example.org", "tab\tinside password", "password")]
    public async Task Malformed_emails_and_passwords_outside_the_limits_are_refused_without_an_account(string email, string password, string field)
    {
        await using var bus = await AccountsBus.StartAsync();

        var refused = Assert.IsType<AccountRefused>(await bus.AskAsync<RegisterAccount, AccountAuthenticated, AccountRefused>(
            new RegisterAccount(email, password, null, null)));

        Assert.Equal(AccountErrorCodes.ValidationError, refused.Code);
        Assert.Equal(field, refused.Field);
        Assert.IsType<AccountRefused>(await Login(bus, "ok@example.org", Password));
    }

    [Fact]
    public async Task A_password_longer_than_the_limit_is_refused()
    {
        await using var bus = await AccountsBus.StartAsync();

        var refused = Assert.IsType<AccountRefused>(await bus.AskAsync<RegisterAccount, AccountAuthenticated, AccountRefused>(
            new RegisterAccount("long@example.org", new string('x', AccountInputs.MaxPasswordLength + 1), null, null)));

        Assert.Equal("password", refused.Field);
    }

    [Fact]
    public async Task Linking_a_guest_keeps_its_player_id_and_then_logs_in_by_email()
    {
        await using var bus = await AccountsBus.StartAsync();
        var guest = await bus.GetRequiredService<AccountService>().RegisterGuestAsync("device-link-0001", CancellationToken.None);

        var linked = Assert.IsType<AccountAuthenticated>(await bus.AskAsync<LinkAccount, AccountAuthenticated, AccountRefused>(
            new LinkAccount(guest.PlayerId, "guest@example.org", Password, null)));
        var login = Assert.IsType<AccountAuthenticated>(await Login(bus, "guest@example.org", Password));
        var again = await bus.GetRequiredService<AccountService>().RegisterGuestAsync("device-link-0001", CancellationToken.None);

        Assert.Equal(guest.PlayerId, linked.PlayerId);
        Assert.Equal(guest.PlayerId, login.PlayerId);
        Assert.Equal(guest.PlayerId, again.PlayerId);
    }

    [Fact]
    public async Task Linking_twice_or_to_a_taken_email_is_refused_and_changes_nothing()
    {
        await using var bus = await AccountsBus.StartAsync();
        await Register(bus, "taken@example.org");
        var guest = await bus.GetRequiredService<AccountService>().RegisterGuestAsync("device-link-0002", CancellationToken.None);

        var taken = Assert.IsType<AccountRefused>(await bus.AskAsync<LinkAccount, AccountAuthenticated, AccountRefused>(
            new LinkAccount(guest.PlayerId, "taken@example.org", Password, null)));
        await bus.AskAsync<LinkAccount, AccountAuthenticated, AccountRefused>(new LinkAccount(guest.PlayerId, "mine@example.org", Password, null));
        var twice = Assert.IsType<AccountRefused>(await bus.AskAsync<LinkAccount, AccountAuthenticated, AccountRefused>(
            new LinkAccount(guest.PlayerId, "other@example.org", Password, null)));

        Assert.Equal(AccountErrorCodes.EmailTaken, taken.Code);
        Assert.Equal(AccountErrorCodes.AlreadyLinked, twice.Code);
        Assert.Equal("mine@example.org", (await Account(bus, guest.PlayerId)).Email);
    }

    [Fact]
    public async Task A_hash_made_with_older_parameters_is_upgraded_at_the_next_login()
    {
        await using var bus = await AccountsBus.StartAsync(new PasswordHashingOptions { MemoryKib = 512, Iterations = 2, Parallelism = 1 });
        var registered = Assert.IsType<AccountAuthenticated>(await Register(bus, "old@example.org"));
        await Rewrite(bus, registered.PlayerId, a => a.PasswordHash = PasswordHasher.HashWith(Password, 256, 1, 1));

        Assert.IsType<AccountAuthenticated>(await Login(bus, "old@example.org", Password));

        var stored = await Account(bus, registered.PlayerId);
        Assert.StartsWith("$argon2id$v=19$m=512,t=2,p=1$", stored.PasswordHash);
        Assert.IsType<AccountAuthenticated>(await Login(bus, "old@example.org", Password));
    }

    [Fact]
    public async Task A_wrong_password_does_not_upgrade_the_hash()
    {
        await using var bus = await AccountsBus.StartAsync(new PasswordHashingOptions { MemoryKib = 512, Iterations = 2, Parallelism = 1 });
        var registered = Assert.IsType<AccountAuthenticated>(await Register(bus, "old2@example.org"));
        var old = PasswordHasher.HashWith(Password, 256, 1, 1);
        await Rewrite(bus, registered.PlayerId, a => a.PasswordHash = old);

        Assert.IsType<AccountRefused>(await Login(bus, "old2@example.org", "not the password"));

        Assert.Equal(old, (await Account(bus, registered.PlayerId)).PasswordHash);
    }

    internal static Task<object> Register(IServiceProvider bus, string email) =>
        ((ServiceProvider)bus).AskAsync<RegisterAccount, AccountAuthenticated, AccountRefused>(new RegisterAccount(email, Password, null, null));

    internal static Task<object> Login(IServiceProvider bus, string email, string password, string? code = null) =>
        ((ServiceProvider)bus).AskAsync<LoginAccount, AccountAuthenticated, AccountRefused>(new LoginAccount(email, password, code, null));

    internal static async Task<PlayerAccount> Account(IServiceProvider bus, Guid playerId) =>
        (await AccountService.Players(bus.GetRequiredService<IDocumentStore>()).GetAsync(playerId.ToString("N")))!.Document;

    internal static async Task Rewrite(IServiceProvider bus, Guid playerId, Action<PlayerAccount> change)
    {
        var players = AccountService.Players(bus.GetRequiredService<IDocumentStore>());
        var stored = (await players.GetAsync(playerId.ToString("N")))!;
        change(stored.Document);
        Assert.True(await players.ReplaceAsync(stored.Id, stored.Document, stored.Version));
    }

    internal static ManualClock Clock(IServiceProvider bus) => bus.GetRequiredService<ManualClock>();

    internal static Task<object> Profile(IServiceProvider bus, Guid playerId) =>
        ((ServiceProvider)bus).AskAsync<GetProfile, PlayerProfile, AccountRefused>(new GetProfile(playerId));
}
