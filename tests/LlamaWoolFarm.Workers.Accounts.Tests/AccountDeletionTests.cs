using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Accounts.Services;
using LlamaWoolFarm.Workers.Accounts.StateMachines;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using static LlamaWoolFarm.Workers.Accounts.Tests.CredentialsTests;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>The account-deletion saga on the harness: grace period, cancellation by signing in, retried and stalled purges.</summary>
public sealed class AccountDeletionTests
{
    [Fact]
    public async Task After_the_grace_period_every_part_is_purged_and_the_player_is_gone_for_good()
    {
        var owners = new FakeOwners();
        await using var bus = await DeletionBus.StartAsync(owners, DeletionBus.Fast());
        var harness = bus.GetRequiredService<ITestHarness>();
        var (player, friend) = await FriendsAsync(bus, "gone@example.org", "stays@example.org");

        var scheduled = await RequestAsync(bus, player);

        Assert.False(scheduled.Replayed);
        Assert.Equal(AccountStatuses.DeletionPending, (await StatusAsync(bus, player)).Status);
        Assert.True(await DeletionBus.WaitUntilAsync(() => harness.Published.Select<AccountDeleted>(m => m.Context.Message.PlayerId == player).Any()), Faults(harness));
        var started = harness.Published.Select<AccountPurgeStarted>(m => m.Context.Message.PlayerId == player).Single().Context.Message;
        Assert.True(started.StartedAt >= scheduled.PurgeAt, $"purge began at {started.StartedAt:O}, before the end of the grace period {scheduled.PurgeAt:O}");
        var saga = await SagaAsync(bus, player);
        Assert.Equal("Deleted", saga!.CurrentState);
        Assert.Equal(PlayerDataParts.Purged.Order(), saga.PurgedParts.Order());
        Assert.Empty(saga.PendingParts);

        Assert.Equal(AccountStatuses.Deleted, (await StatusAsync(bus, player)).Status);
        Assert.Empty(Assert.IsType<FriendList>(await bus.AskAsync<GetFriends, FriendList, AccountRefused>(new GetFriends(friend))).Friends);
        Assert.Equal(AccountErrorCodes.AccountNotFound, Assert.IsType<AccountRefused>(await Profile(bus, player)).Code);
        Assert.Equal(AccountErrorCodes.InvalidCredentials, Assert.IsType<AccountRefused>(await Login(bus, "gone@example.org", Password)).Code);
        Assert.Equal(AccountErrorCodes.AccountDeleted, Assert.IsType<AccountRefused>(await AskDeletionAsync(bus, player)).Code);
        var tombstone = await AccountDeletionService.Tombstones(bus.GetRequiredService<IDocumentStore>()).GetAsync(player.ToString("N"));
        Assert.Equal(scheduled.DeletionId, tombstone!.Document.DeletionId);
        Assert.Empty(tombstone.Document.FriendsToUnlink);
        // The email is free again: a new sign-up is a new player.
        Assert.NotEqual(player, Assert.IsType<AccountAuthenticated>(await Register(bus, "gone@example.org")).PlayerId);
    }

    [Fact]
    public async Task Signing_in_during_the_grace_period_cancels_the_deletion()
    {
        var owners = new FakeOwners();
        // The sign-in (an Argon2 check) must land inside the grace period; 1 s was too short on a loaded CI machine.
        await using var bus = await DeletionBus.StartAsync(owners, DeletionBus.Fast(graceSeconds: 5));
        var harness = bus.GetRequiredService<ITestHarness>();
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "stay@example.org")).PlayerId;
        var scheduled = await RequestAsync(bus, player);
        var again = await RequestAsync(bus, player);
        Assert.True(again.Replayed);
        Assert.Equal(scheduled.DeletionId, again.DeletionId);

        Assert.IsType<AccountAuthenticated>(await Login(bus, "stay@example.org", Password));

        Assert.True(await DeletionBus.WaitUntilAsync(() => harness.Published.Select<AccountDeletionCancelled>(m => m.Context.Message.PlayerId == player).Any()));
        Assert.True(await DeletionBus.WaitUntilAsync(async () => await SagaAsync(bus, player) is null), "the cancelled saga instance was not removed");
        // Nothing may start until well after the grace period would have ended.
        var purged = await DeletionBus.WaitUntilAsync(
            () => harness.Published.Select<AccountPurgeStarted>(m => m.Context.Message.PlayerId == player).Any() || harness.Sent.Select<BeginAccountPurge>(m => m.Context.Message.PlayerId == player).Any(),
            seconds: (scheduled.PurgeAt - DateTimeOffset.UtcNow).TotalSeconds + 1.5);
        Assert.False(purged, "the purge began although the player signed in");
        Assert.DoesNotContain(owners.Received, m => m.PlayerId == player);
        Assert.Equal(AccountStatuses.Active, (await StatusAsync(bus, player)).Status);
        var next = await RequestAsync(bus, player);
        Assert.False(next.Replayed);
        Assert.NotEqual(scheduled.DeletionId, next.DeletionId);
    }

    [Fact]
    public async Task A_guest_signing_in_again_from_its_device_cancels_the_deletion()
    {
        await using var bus = await DeletionBus.StartAsync(new FakeOwners(), DeletionBus.Fast(graceSeconds: 5));
        var harness = bus.GetRequiredService<ITestHarness>();
        var guest = (await harness.GetRequestClient<RegisterGuest>().GetResponse<GuestRegistered>(new RegisterGuest("device-keep-me", null))).Message;
        await RequestAsync(bus, guest.PlayerId);

        var back = (await harness.GetRequestClient<RegisterGuest>().GetResponse<GuestRegistered>(new RegisterGuest("device-keep-me", null))).Message;

        Assert.Equal(guest.PlayerId, back.PlayerId);
        Assert.True(await DeletionBus.WaitUntilAsync(() => harness.Published.Select<AccountDeletionCancelled>(m => m.Context.Message.PlayerId == guest.PlayerId && m.Context.Message.Reason == AccountDeletionService.SignIn).Any()));
        Assert.Equal(AccountStatuses.Active, (await StatusAsync(bus, guest.PlayerId)).Status);
    }

    [Fact]
    public async Task A_guest_sign_in_calls_off_a_pending_deletion_and_only_then()
    {
        // The path Standalone runs in process (GuestSignIn), which reads the account once when no deletion is pending.
        await using var bus = await DeletionBus.StartAsync(new FakeOwners(), DeletionBus.Fast(graceSeconds: 30));
        var guests = bus.GetRequiredService<GuestSignIn>();
        var (created, none) = await guests.SignInAsync("device-in-process", CancellationToken.None);
        Assert.True(created.Created);
        Assert.Null(none);
        var (again, stillNone) = await guests.SignInAsync("device-in-process", CancellationToken.None);
        Assert.False(again.Created);
        Assert.Equal(created.PlayerId, again.PlayerId);
        Assert.Null(stillNone);
        var scheduled = await RequestAsync(bus, created.PlayerId);
        Assert.Equal(AccountStatuses.DeletionPending, (await StatusAsync(bus, created.PlayerId)).Status);

        var (back, cancelled) = await guests.SignInAsync("device-in-process", CancellationToken.None);

        Assert.Equal(created.PlayerId, back.PlayerId);
        Assert.NotNull(cancelled);
        Assert.Equal(scheduled.DeletionId, cancelled.DeletionId);
        Assert.Equal(AccountDeletionService.SignIn, cancelled.Reason);
        Assert.Equal(AccountStatuses.Active, (await StatusAsync(bus, created.PlayerId)).Status);
        Assert.Null((await guests.SignInAsync("device-in-process", CancellationToken.None)).Cancelled);
    }

    [Fact]
    public async Task A_part_that_fails_is_asked_again_and_the_deletion_completes()
    {
        var owners = new FakeOwners();
        owners.FailFirstAttempt.Add(PlayerDataParts.Analytics);
        await using var bus = await DeletionBus.StartAsync(owners, DeletionBus.Fast(timeoutSeconds: 15));
        var harness = bus.GetRequiredService<ITestHarness>();
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "retry@example.org")).PlayerId;

        await RequestAsync(bus, player);

        Assert.True(await DeletionBus.WaitUntilAsync(() => harness.Published.Select<AccountDeleted>(m => m.Context.Message.PlayerId == player).Any()), Faults(harness));
        var analytics = owners.Received.Where(m => m.PlayerId == player && m.Part == PlayerDataParts.Analytics).Select(m => m.Attempt).Distinct().Order().ToList();
        Assert.Equal(1, analytics[0]);
        Assert.Contains(analytics, a => a >= 2);
        var saga = await SagaAsync(bus, player);
        Assert.True(saga!.Attempts >= 2);
        Assert.Equal("Deleted", saga.CurrentState);
        Assert.False(harness.Published.Select<AccountDeletionStalled>(m => m.Context.Message.PlayerId == player).Any());
    }

    [Fact]
    public async Task A_part_that_never_answers_is_reported_after_the_timeout_and_a_late_answer_still_completes()
    {
        var owners = new FakeOwners();
        owners.Silent.Add(PlayerDataParts.Leaderboards);
        await using var bus = await DeletionBus.StartAsync(owners, DeletionBus.Fast(timeoutSeconds: 2));
        var harness = bus.GetRequiredService<ITestHarness>();
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, "stall@example.org")).PlayerId;

        var scheduled = await RequestAsync(bus, player);

        Assert.True(await DeletionBus.WaitUntilAsync(() => harness.Published.Select<AccountDeletionStalled>(m => m.Context.Message.PlayerId == player).Any()), Faults(harness));
        var stalled = harness.Published.Select<AccountDeletionStalled>(m => m.Context.Message.PlayerId == player).Single().Context.Message;
        Assert.Equal([PlayerDataParts.Leaderboards], stalled.MissingParts);
        Assert.True(stalled.Attempts >= 2, "the silent part was never asked again");
        Assert.Equal("Stalled", (await SagaAsync(bus, player))!.CurrentState);
        Assert.False(harness.Published.Select<AccountDeleted>(m => m.Context.Message.PlayerId == player).Any());

        await harness.Bus.Publish(new PlayerDataPurged(player, scheduled.DeletionId, PlayerDataParts.Leaderboards, 0, DateTimeOffset.UtcNow));

        Assert.True(await DeletionBus.WaitUntilAsync(() => harness.Published.Select<AccountDeleted>(m => m.Context.Message.PlayerId == player).Any()));
        Assert.Equal("Deleted", (await SagaAsync(bus, player))!.CurrentState);
    }

    [Fact]
    public async Task An_unknown_player_cannot_ask_for_deletion()
    {
        await using var bus = await DeletionBus.StartAsync(new FakeOwners(), DeletionBus.Fast());

        var refused = Assert.IsType<AccountRefused>(await AskDeletionAsync(bus, Guid.NewGuid()));

        Assert.Equal(AccountErrorCodes.AccountNotFound, refused.Code);
        Assert.False(bus.GetRequiredService<ITestHarness>().Published.Select<AccountDeletionRequested>().Any());
    }

    private static async Task<(Guid Player, Guid Friend)> FriendsAsync(ServiceProvider bus, string email, string friendEmail)
    {
        var player = Assert.IsType<AccountAuthenticated>(await Register(bus, email)).PlayerId;
        var friend = Assert.IsType<AccountAuthenticated>(await Register(bus, friendEmail)).PlayerId;
        Assert.IsType<FriendList>(await bus.AskAsync<AddFriend, FriendList, AccountRefused>(new AddFriend(friend, player, null, null)));
        return (player, friend);
    }

    private static Task<object> AskDeletionAsync(ServiceProvider bus, Guid player) =>
        bus.AskAsync<RequestAccountDeletion, AccountDeletionScheduled, AccountRefused>(new RequestAccountDeletion(player, "req"));

    private static async Task<AccountDeletionScheduled> RequestAsync(ServiceProvider bus, Guid player) =>
        Assert.IsType<AccountDeletionScheduled>(await AskDeletionAsync(bus, player));

    private static async Task<AccountStatus> StatusAsync(ServiceProvider bus, Guid player) =>
        (await bus.GetRequiredService<ITestHarness>().GetRequestClient<GetAccountStatus>().GetResponse<AccountStatus>(new GetAccountStatus(player))).Message;

    private static async Task<AccountDeletionState?> SagaAsync(ServiceProvider bus, Guid player) =>
        (await bus.GetRequiredService<IDocumentStore>().Collection<AccountDeletionState>("saga_account_deletion_state").GetAsync(player.ToString("D")))?.Document;

    private static string Faults(ITestHarness harness) =>
        string.Join("; ", harness.Published.Select<MassTransit.Fault>().Select(f => string.Join(",", f.Context.Message.Exceptions.Select(e => e.ExceptionType + ": " + e.Message))));
}
