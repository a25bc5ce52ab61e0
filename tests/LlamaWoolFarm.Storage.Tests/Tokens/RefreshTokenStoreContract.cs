using LlamaWoolFarm.Storage.Tokens;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Tokens;

/// <summary>What every refresh token store must do; each adapter's test class runs all of it.</summary>
public abstract class RefreshTokenStoreContract
{
    protected ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected abstract IRefreshTokenStore CreateStore();

    /// <summary>The store as a restarted process sees it (the in-process adapter has nothing else to offer).</summary>
    protected virtual IRefreshTokenStore Reopen(IRefreshTokenStore store) => store;

    [Fact]
    public async Task A_stored_token_is_valid_once_and_answers_its_record()
    {
        var store = CreateStore();
        var record = Record();
        var hash = NewHash();
        await store.StoreAsync(hash, record);

        var use = await store.UseAsync(hash);

        Assert.Equal(RefreshTokenOutcome.Valid, use.Outcome);
        Assert.Equal(record.PlayerId, use.Record!.PlayerId);
        Assert.Equal(record.FamilyId, use.Record.FamilyId);
        Assert.Equal(["player", "admin"], use.Record.Roles);
    }

    [Fact]
    public async Task An_unknown_token_is_not_found()
    {
        Assert.Equal(RefreshTokenOutcome.NotFound, (await CreateStore().UseAsync(NewHash())).Outcome);
    }

    [Fact]
    public async Task Reusing_a_rotated_token_revokes_the_whole_family()
    {
        var store = CreateStore();
        var record = Record();
        var first = NewHash();
        var second = NewHash();
        await store.StoreAsync(first, record);
        Assert.Equal(RefreshTokenOutcome.Valid, (await store.UseAsync(first)).Outcome);
        await store.StoreAsync(second, record);

        var reuse = await store.UseAsync(first);
        var successor = await store.UseAsync(second);

        Assert.Equal(RefreshTokenOutcome.Reused, reuse.Outcome);
        Assert.Null(reuse.Record);
        Assert.Equal(RefreshTokenOutcome.Revoked, successor.Outcome);
    }

    [Fact]
    public async Task Revoking_a_family_ends_every_token_of_it_and_no_other()
    {
        var store = CreateStore();
        var record = Record();
        var a = NewHash();
        var b = NewHash();
        var other = NewHash();
        await store.StoreAsync(a, record);
        await store.StoreAsync(b, record);
        await store.StoreAsync(other, Record());

        Assert.True(await store.RevokeFamilyOfAsync(a, record.PlayerId));

        Assert.Equal(RefreshTokenOutcome.Revoked, (await store.UseAsync(b)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Valid, (await store.UseAsync(other)).Outcome);
        Assert.False(await store.RevokeFamilyOfAsync(NewHash(), record.PlayerId));
    }

    [Fact]
    public async Task Another_players_token_is_not_revoked()
    {
        var store = CreateStore();
        var victim = Record();
        var hash = NewHash();
        await store.StoreAsync(hash, victim);

        Assert.False(await store.RevokeFamilyOfAsync(hash, Guid.NewGuid()));

        Assert.Equal(RefreshTokenOutcome.Valid, (await store.UseAsync(hash)).Outcome);
    }

    [Fact]
    public async Task Concurrent_uses_of_one_token_have_one_winner()
    {
        var store = CreateStore();
        var hash = NewHash();
        await store.StoreAsync(hash, Record());

        var uses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.UseAsync(hash))));

        Assert.Single(uses, u => u.Outcome == RefreshTokenOutcome.Valid);
    }

    [Fact]
    public async Task An_expired_token_is_not_found()
    {
        var store = CreateStore();
        var hash = NewHash();
        await store.StoreAsync(hash, Record() with { ExpiresAt = Clock.Now.AddMinutes(1) });

        Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(RefreshTokenOutcome.NotFound, (await store.UseAsync(hash)).Outcome);
    }

    [Fact]
    public async Task Tokens_uses_and_revocations_are_still_known_after_reopening_the_store()
    {
        var store = CreateStore();
        var live = Record();
        var (fresh, used, revoked) = (NewHash(), NewHash(), NewHash());
        await store.StoreAsync(fresh, live);
        await store.StoreAsync(used, Record());
        await store.UseAsync(used);
        var revokedRecord = Record();
        await store.StoreAsync(revoked, revokedRecord);
        await store.RevokeFamilyOfAsync(revoked, revokedRecord.PlayerId);

        var reopened = Reopen(store);

        var use = await reopened.UseAsync(fresh);
        Assert.Equal(RefreshTokenOutcome.Valid, use.Outcome);
        Assert.Equal(live.PlayerId, use.Record!.PlayerId);
        Assert.Equal(live.ExpiresAt.ToUnixTimeMilliseconds(), use.Record.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal(RefreshTokenOutcome.Reused, (await reopened.UseAsync(used)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await reopened.UseAsync(revoked)).Outcome);
    }

    [Fact]
    public async Task Revoking_a_player_ends_every_family_of_that_player_and_no_other()
    {
        var store = CreateStore();
        var firstLogin = Record();
        var secondLogin = firstLogin with { FamilyId = Guid.NewGuid().ToString("N") };
        var (a, b, other) = (NewHash(), NewHash(), NewHash());
        await store.StoreAsync(a, firstLogin);
        await store.StoreAsync(b, secondLogin);
        await store.StoreAsync(other, Record());

        Assert.Equal(2, await store.RevokePlayerAsync(firstLogin.PlayerId));

        Assert.Equal(RefreshTokenOutcome.Revoked, (await store.UseAsync(a)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await store.UseAsync(b)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Valid, (await store.UseAsync(other)).Outcome);

        // A session started afterwards (the new password's) is not touched by the earlier revocation.
        var after = NewHash();
        await store.StoreAsync(after, firstLogin with { FamilyId = Guid.NewGuid().ToString("N") });
        Assert.Equal(RefreshTokenOutcome.Valid, (await Reopen(store).UseAsync(after)).Outcome);
    }

    [Fact]
    public async Task Revoking_the_families_a_player_started_before_a_moment_spares_the_later_ones()
    {
        var store = CreateStore();
        var moment = Clock.Now;
        var player = Guid.NewGuid();
        RefreshTokenRecord Family(string id) => new(player, id, ["player"], Clock.Now.AddDays(30));
        var (earlier, later, unknownStart, other) = (NewHash(), NewHash(), NewHash(), NewHash());
        await store.StoreAsync(earlier, Family(SessionFamilies.NewId(moment.AddMilliseconds(-5))));
        await store.StoreAsync(later, Family(SessionFamilies.NewId(moment.AddMilliseconds(5))));
        // A family id that carries no start is ended: the revocation cannot tell it is later.
        await store.StoreAsync(unknownStart, Family(Guid.NewGuid().ToString("N")));
        await store.StoreAsync(other, Record() with { FamilyId = SessionFamilies.NewId(moment.AddMilliseconds(-5)) });

        Assert.Equal(2, await store.RevokePlayerAsync(player, moment));

        var reopened = Reopen(store);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await reopened.UseAsync(earlier)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await reopened.UseAsync(unknownStart)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Valid, (await reopened.UseAsync(later)).Outcome);
        Assert.Equal(RefreshTokenOutcome.Valid, (await reopened.UseAsync(other)).Outcome);
        // The spared family is still the player's: a later full revocation ends it.
        var next = NewHash();
        await reopened.StoreAsync(next, Family(SessionFamilies.NewId(moment.AddMilliseconds(6))));
        Assert.True(await reopened.RevokePlayerAsync(player) >= 1);
        Assert.Equal(RefreshTokenOutcome.Revoked, (await reopened.UseAsync(next)).Outcome);
    }

    private RefreshTokenRecord Record() => new(Guid.NewGuid(), Guid.NewGuid().ToString("N"), ["player", "admin"], Clock.Now.AddDays(30));

    private static string NewHash() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
