using LlamaWoolFarm.Storage.Idempotency;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Idempotency;

public sealed class InProcessIdempotencyStoreTests : IdempotencyStoreContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override IIdempotencyStore CreateStore() => new InProcessIdempotencyStore(_clock);

    protected override IIdempotencyStore OtherReplica(IIdempotencyStore store) => store;

    protected override Task ElapseAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Expired_keys_are_dropped_as_they_expire()
    {
        var store = new InProcessIdempotencyStore(_clock);
        for (var i = 0; i < 100; i++)
        {
            await store.ClaimAsync($"key-{i}", "f", TimeSpan.FromMinutes(1));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        await store.ClaimAsync("fresh", "f", TimeSpan.FromMinutes(1));

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Over_capacity_the_keys_closest_to_expiry_go_and_a_completed_key_is_still_replayed()
    {
        var store = new InProcessIdempotencyStore(_clock, capacity: 3);
        var kept = await store.ClaimAsync("kept", "f", TimeSpan.FromMinutes(1));
        Assert.True(await store.CompleteAsync("kept", kept.ClaimToken!, new IdempotentResponse(202, null, []), TimeSpan.FromHours(24)));
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await store.ClaimAsync($"running-{i}", "f", TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, store.Count);
        Assert.Equal(IdempotencyOutcome.Completed, (await store.ClaimAsync("kept", "f", TimeSpan.FromMinutes(1))).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync("running-4", "f", TimeSpan.FromMinutes(1))).Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync("running-0", "f", TimeSpan.FromMinutes(1))).Outcome);
    }

    [Fact]
    public async Task At_capacity_asking_again_for_held_keys_evicts_none_of_them()
    {
        var store = new InProcessIdempotencyStore(_clock, capacity: 2);
        await store.ClaimAsync("a", "f", TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await store.ClaimAsync("b", "f", TimeSpan.FromMinutes(1));

        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync("b", "f", TimeSpan.FromMinutes(1))).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync("a", "f", TimeSpan.FromMinutes(1))).Outcome);
        Assert.Equal(2, store.Count);
    }
}
