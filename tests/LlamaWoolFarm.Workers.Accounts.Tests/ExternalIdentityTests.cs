using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>OpenID Connect identities through the accounts consumers: one identity, one player; links; deletion.</summary>
public sealed class ExternalIdentityTests
{
    private const string Issuer = "https://id.example.org";

    [Fact]
    public async Task Concurrent_first_sign_ins_of_one_identity_make_one_player()
    {
        await using var bus = await AccountsBus.StartAsync();
        var subject = NewSubject();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SignInAsync(bus, subject)));

        Assert.Single(answers.Select(a => a.PlayerId).Distinct());
        Assert.Single(answers, a => a.Created);
        var player = await AccountService.Players(bus.GetRequiredService<IDocumentStore>()).GetAsync(answers[0].PlayerId.ToString("N"));
        Assert.NotNull(player);
        Assert.Null(player.Document.PasswordHash);
    }

    [Fact]
    public async Task A_guest_links_keeps_its_id_and_an_identity_of_another_player_is_refused()
    {
        await using var bus = await AccountsBus.StartAsync();
        var accounts = bus.GetRequiredService<AccountService>();
        var guest = await accounts.RegisterGuestAsync("device-oidc-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
        var other = await accounts.RegisterGuestAsync("device-oidc-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
        var subject = NewSubject();

        var linked = Assert.IsType<AccountAuthenticated>(await LinkAsync(bus, guest.PlayerId, subject));
        var again = Assert.IsType<AccountAuthenticated>(await LinkAsync(bus, guest.PlayerId, subject));
        var taken = Assert.IsType<AccountRefused>(await LinkAsync(bus, other.PlayerId, subject));

        Assert.Equal(guest.PlayerId, linked.PlayerId);
        Assert.Equal(guest.PlayerId, again.PlayerId);
        Assert.Equal(AccountErrorCodes.IdentityAlreadyLinked, taken.Code);
        Assert.Equal(guest.PlayerId, (await SignInAsync(bus, subject)).PlayerId);
    }

    [Fact]
    public async Task Unlinking_leaves_a_way_to_sign_in_or_is_refused()
    {
        await using var bus = await AccountsBus.StartAsync();
        var guest = await bus.GetRequiredService<AccountService>().RegisterGuestAsync("device-oidc-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
        var onlyOidc = await SignInAsync(bus, NewSubject());
        Assert.IsType<AccountAuthenticated>(await LinkAsync(bus, guest.PlayerId, NewSubject()));

        var refused = Assert.IsType<AccountRefused>(await UnlinkAsync(bus, onlyOidc.PlayerId));
        // The guest still signs in with its device.
        var unlinked = Assert.IsType<ExternalIdentityUnlinked>(await UnlinkAsync(bus, guest.PlayerId));
        var notLinked = Assert.IsType<AccountRefused>(await UnlinkAsync(bus, guest.PlayerId));

        Assert.Equal(AccountErrorCodes.LastSignInMethod, refused.Code);
        Assert.Equal("test", unlinked.Provider);
        Assert.Equal(AccountErrorCodes.IdentityNotLinked, notLinked.Code);
    }

    [Fact]
    public async Task A_deleted_players_identities_go_with_it_and_sign_in_a_new_player()
    {
        var owners = new FakeOwners();
        await using var bus = await DeletionBus.StartAsync(owners, DeletionBus.Fast());
        var harness = bus.GetRequiredService<ITestHarness>();
        var subject = NewSubject();
        var player = (await SignInAsync(bus, subject)).PlayerId;

        Assert.IsType<AccountDeletionScheduled>(await bus.AskAsync<RequestAccountDeletion, AccountDeletionScheduled, AccountRefused>(new RequestAccountDeletion(player, "req")));
        Assert.True(await DeletionBus.WaitUntilAsync(() => harness.Published.Select<AccountDeleted>(m => m.Context.Message.PlayerId == player).Any()));

        var identities = ExternalIdentityService.Identities(bus.GetRequiredService<IDocumentStore>());
        Assert.Empty(await identities.FindAsync("playerKey", player.ToString("N"), 10));
        var fresh = await SignInAsync(bus, subject);
        Assert.True(fresh.Created);
        Assert.NotEqual(player, fresh.PlayerId);
    }

    private static string NewSubject() => "sub-" + Guid.NewGuid().ToString("N");

    private static async Task<AccountAuthenticated> SignInAsync(ServiceProvider bus, string subject) =>
        (await bus.GetRequiredService<ITestHarness>().GetRequestClient<SignInWithExternalIdentity>()
            .GetResponse<AccountAuthenticated>(new SignInWithExternalIdentity("test", Issuer, subject, "req"))).Message;

    private static Task<object> LinkAsync(ServiceProvider bus, Guid player, string subject) =>
        bus.AskAsync<LinkExternalIdentity, AccountAuthenticated, AccountRefused>(new LinkExternalIdentity(player, "test", Issuer, subject, "req"));

    private static Task<object> UnlinkAsync(ServiceProvider bus, Guid player) =>
        bus.AskAsync<UnlinkExternalIdentity, ExternalIdentityUnlinked, AccountRefused>(new UnlinkExternalIdentity(player, "test", "req"));
}
