using System.Text;
using LlamaWoolFarm.Storage.Idempotency;

namespace LlamaWoolFarm.Storage.Tests.Idempotency;

/// <summary>What every idempotency store must do; each adapter's test class runs all of it.</summary>
public abstract class IdempotencyStoreContract
{
    protected static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);

    protected static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    protected abstract IIdempotencyStore CreateStore();

    /// <summary>Another gateway replica's view of the same keys.</summary>
    protected abstract IIdempotencyStore OtherReplica(IIdempotencyStore store);

    /// <summary>Lets <paramref name="by"/> pass for the store's expiry.</summary>
    protected abstract Task ElapseAsync(TimeSpan by);

    [Fact]
    public async Task A_completed_key_replays_its_response_to_the_same_request()
    {
        var store = CreateStore();
        var key = NewKey();
        var claim = await store.ClaimAsync(key, "fp-1", ClaimLifetime);
        Assert.Equal(IdempotencyOutcome.Claimed, claim.Outcome);
        var body = Encoding.UTF8.GetBytes("{\"success\":true,\"data\":{\"n\":\"é\"}}");

        Assert.True(await store.CompleteAsync(key, claim.ClaimToken!, new IdempotentResponse(202, "application/json; charset=utf-8", body), Retention));
        var replay = await OtherReplica(store).ClaimAsync(key, "fp-1", ClaimLifetime);

        Assert.Equal(IdempotencyOutcome.Completed, replay.Outcome);
        Assert.Equal(202, replay.Response!.StatusCode);
        Assert.Equal("application/json; charset=utf-8", replay.Response.ContentType);
        Assert.Equal(body, replay.Response.Body);
    }

    [Fact]
    public async Task Another_fingerprint_on_a_key_is_a_mismatch_while_running_and_after()
    {
        var store = CreateStore();
        var key = NewKey();
        var claim = await store.ClaimAsync(key, "fp-1", ClaimLifetime);

        Assert.Equal(IdempotencyOutcome.Mismatch, (await store.ClaimAsync(key, "fp-2", ClaimLifetime)).Outcome);
        await store.CompleteAsync(key, claim.ClaimToken!, new IdempotentResponse(200, null, []), Retention);
        Assert.Equal(IdempotencyOutcome.Mismatch, (await store.ClaimAsync(key, "fp-2", ClaimLifetime)).Outcome);
    }

    [Fact]
    public async Task A_running_request_holds_its_key_against_duplicates_on_any_replica()
    {
        var store = CreateStore();
        var other = OtherReplica(store);
        var key = NewKey();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? store : other).ClaimAsync(key, "fp", ClaimLifetime))));

        Assert.Single(claims, c => c.Outcome == IdempotencyOutcome.Claimed);
        Assert.All(claims.Where(c => c.Outcome != IdempotencyOutcome.Claimed), c => Assert.Equal(IdempotencyOutcome.InProgress, c.Outcome));
    }

    [Fact]
    public async Task A_released_key_can_be_claimed_again()
    {
        var store = CreateStore();
        var key = NewKey();
        var claim = await store.ClaimAsync(key, "fp", ClaimLifetime);

        await store.ReleaseAsync(key, claim.ClaimToken!);

        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(key, "fp-other", ClaimLifetime)).Outcome);
    }

    [Fact]
    public async Task A_lapsed_claim_frees_the_key_and_its_late_owner_can_neither_complete_nor_release_it()
    {
        var store = CreateStore();
        var key = NewKey();
        var lapsed = await store.ClaimAsync(key, "fp", TimeSpan.FromMilliseconds(200));

        await ElapseAsync(TimeSpan.FromMilliseconds(400));
        var next = await store.ClaimAsync(key, "fp", ClaimLifetime);

        Assert.Equal(IdempotencyOutcome.Claimed, next.Outcome);
        Assert.False(await store.CompleteAsync(key, lapsed.ClaimToken!, new IdempotentResponse(200, null, [1]), Retention));
        await store.ReleaseAsync(key, lapsed.ClaimToken!);
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync(key, "fp", ClaimLifetime)).Outcome);
        Assert.True(await store.CompleteAsync(key, next.ClaimToken!, new IdempotentResponse(201, null, [2]), Retention));
    }

    [Fact]
    public async Task A_stored_response_is_forgotten_after_the_retention()
    {
        var store = CreateStore();
        var key = NewKey();
        var claim = await store.ClaimAsync(key, "fp", ClaimLifetime);
        await store.CompleteAsync(key, claim.ClaimToken!, new IdempotentResponse(200, null, [1]), TimeSpan.FromMilliseconds(200));

        await ElapseAsync(TimeSpan.FromMilliseconds(400));

        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(key, "fp-new", ClaimLifetime)).Outcome);
    }

    private static string NewKey() => "player:" + Guid.NewGuid().ToString("N") + "|key " + Guid.NewGuid().ToString("N")[..8];
}
