using LlamaWoolFarm.Storage.PushHistory;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.PushHistory;

/// <summary>What every push history store must do; each adapter's test class runs all of it.</summary>
public abstract class PushHistoryStoreContract
{
    protected const int Length = 5;

    protected static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    protected ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected PushHistoryOptions Options { get; } = new() { Length = Length, Retention = Retention, KeyPrefix = "lwf-test:pushes:" + Guid.NewGuid().ToString("N") };

    protected abstract IPushHistoryStore CreateStore();

    /// <summary>Another replica's view of the same history (another adapter on the same keys or file).</summary>
    protected abstract IPushHistoryStore OtherReplica(IPushHistoryStore store);

    /// <summary>Loses everything the store kept (Redis flushed, the file deleted) and answers the store to use after.</summary>
    protected abstract IPushHistoryStore Lose(IPushHistoryStore store);

    [Fact]
    public async Task Pushes_are_numbered_one_after_another_and_a_read_returns_those_after_the_client_number_in_order()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var pushes = Enumerable.Range(0, 4).Select(Push).ToList();

        var numbers = new List<long>();
        foreach (var push in pushes)
        {
            numbers.Add(await store.AppendAsync(player, push));
        }

        Assert.Equal(Enumerable.Range(0, 4).Select(i => numbers[0] + i), numbers);
        var replay = await store.ReadAfterAsync(player, numbers[1]);
        Assert.False(replay.Resync);
        Assert.Equal(numbers[3], replay.Seq);
        Assert.Equal([new SequencedPush(numbers[2], pushes[2]), new SequencedPush(numbers[3], pushes[3])], replay.Missed);
    }

    [Fact]
    public async Task A_client_at_the_latest_number_missed_nothing()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var last = await store.AppendAsync(player, Push(1));

        var replay = await store.ReadAfterAsync(player, last);

        Assert.Equal(last, replay.Seq);
        Assert.False(replay.Resync);
        Assert.Empty(replay.Missed);
    }

    [Fact]
    public async Task A_redelivered_push_keeps_its_number_and_is_kept_once()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var push = Push(1);
        var first = await store.AppendAsync(player, push);

        var again = await OtherReplica(store).AppendAsync(player, push);
        var next = await store.AppendAsync(player, Push(2));

        Assert.Equal(first, again);
        Assert.Equal(first + 1, next);
        Assert.Equal([first, next], (await store.ReadAfterAsync(player, first - 1)).Missed.Select(p => p.Seq));
    }

    [Fact]
    public async Task Pushes_appended_together_get_consecutive_numbers_in_their_order_and_are_read_back_in_it()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var first = await store.AppendAsync(player, Push(1));

        var together = await OtherReplica(store).AppendAsync(player, [Push(2), Push(3)]);
        var next = await store.AppendAsync(player, Push(4));

        Assert.Equal([first + 1, first + 2], together);
        Assert.Equal(first + 3, next);
        Assert.Equal([Push(2), Push(3), Push(4)], (await store.ReadAfterAsync(player, first)).Missed.Select(p => p.Push));
    }

    [Fact]
    public async Task Pushes_appended_together_again_keep_their_numbers_and_a_new_one_among_them_gets_the_next()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var kept = await store.AppendAsync(player, [Push(1), Push(2)]);

        // A redelivered event, as another replica sees it, that now also carries a push it did not carry before.
        var again = await OtherReplica(store).AppendAsync(player, [Push(1), Push(2), Push(3)]);

        Assert.Equal([kept[0], kept[1], kept[1] + 1], again);
        Assert.Equal([Push(1), Push(2), Push(3)], (await store.ReadAfterAsync(player, kept[0] - 1)).Missed.Select(p => p.Push));
    }

    [Fact]
    public async Task A_gap_longer_than_the_history_is_a_resync_and_one_as_long_is_replayed_whole()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var numbers = new List<long>();
        for (var i = 0; i < Length + 3; i++)
        {
            numbers.Add(await store.AppendAsync(player, Push(i)));
        }

        var tooOld = await store.ReadAfterAsync(player, numbers[1]);
        var justKept = await store.ReadAfterAsync(player, numbers[2]);

        Assert.True(tooOld.Resync);
        Assert.Empty(tooOld.Missed);
        Assert.Equal(numbers[^1], tooOld.Seq);
        Assert.False(justKept.Resync);
        Assert.Equal(numbers.Skip(3), justKept.Missed.Select(p => p.Seq));
    }

    [Fact]
    public async Task A_push_past_retention_is_not_replayed()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var old = await store.AppendAsync(player, Push(1));
        Clock.Advance(Retention + TimeSpan.FromMinutes(1));
        var recent = await store.AppendAsync(player, Push(2));

        var needsOld = await store.ReadAfterAsync(player, old - 1);
        var needsRecent = await store.ReadAfterAsync(player, old);

        Assert.True(needsOld.Resync);
        Assert.Equal(recent, needsOld.Seq);
        Assert.False(needsRecent.Resync);
        Assert.Equal([recent], needsRecent.Missed.Select(p => p.Seq));
    }

    [Fact]
    public async Task A_player_without_pushes_gets_a_series_at_the_first_read_and_the_next_push_follows_it()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();

        var fresh = await store.ReadAfterAsync(player, 0);
        var first = await store.AppendAsync(player, Push(1));
        var replay = await store.ReadAfterAsync(player, fresh.Seq);

        // A client with nothing processed cannot be shown "everything": it reads its state, from number fresh.Seq on.
        Assert.True(fresh.Resync);
        Assert.True(fresh.Seq > 0);
        Assert.Equal(fresh.Seq + 1, first);
        Assert.Equal([first], replay.Missed.Select(p => p.Seq));
    }

    [Fact]
    public async Task A_client_ahead_of_the_history_is_told_to_resync()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        var last = await store.AppendAsync(player, Push(1));

        var replay = await store.ReadAfterAsync(player, last + 10);

        Assert.True(replay.Resync);
        Assert.Equal(last, replay.Seq);
    }

    [Fact]
    public async Task A_lost_history_starts_its_new_series_above_every_number_of_the_old_one()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        long last = 0;
        for (var i = 0; i < 3; i++)
        {
            last = await store.AppendAsync(player, Push(i));
        }

        var after = Lose(store);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var restarted = await after.AppendAsync(player, Push(9));
        var replay = await after.ReadAfterAsync(player, last);

        Assert.True(restarted > last + 1, $"new series at {restarted}, old one reached {last}");
        Assert.True(replay.Resync);
        Assert.Equal(restarted, replay.Seq);
    }

    [Fact]
    public async Task Replicas_appending_at_once_share_one_series_without_gaps_or_repeats()
    {
        var store = CreateStore();
        var other = OtherReplica(store);
        var player = Guid.NewGuid();
        var start = (await store.ReadAfterAsync(player, 0)).Seq;
        var pushes = Enumerable.Range(0, Length).Select(Push).ToList();

        var numbers = await Task.WhenAll(pushes.Select((p, i) => Task.Run(() => (i % 2 == 0 ? store : other).AppendAsync(player, p))));
        var replay = await other.ReadAfterAsync(player, start);

        Assert.Equal(Enumerable.Range(1, Length).Select(i => start + i), numbers.Order());
        Assert.Equal(numbers.Order(), replay.Missed.Select(p => p.Seq));
        // Each push is kept under the number its append answered.
        Assert.All(replay.Missed, p => Assert.Equal(numbers[pushes.IndexOf(p.Push)], p.Seq));
    }

    [Fact]
    public async Task Each_player_has_a_series_of_its_own()
    {
        var store = CreateStore();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var aFirst = await store.AppendAsync(a, Push(1));
        await store.AppendAsync(b, Push(2));
        var aSecond = await store.AppendAsync(a, Push(3));

        Assert.Equal(aFirst + 1, aSecond);
        Assert.Equal([Push(3)], (await store.ReadAfterAsync(a, aFirst)).Missed.Select(p => p.Push));
    }

    [Fact]
    public async Task A_negative_client_number_is_refused()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadAfterAsync(Guid.NewGuid(), -1));
    }

    // Distinct ids and data per index; the timestamp is the store clock's now, to the tick.
    private PushRecord Push(int index) =>
        new(index % 2 == 0 ? "commandCompleted" : "gameStateChanged", $"push-{index:D4}", Clock.Now, $$"""{"index":{{index}},"text":"wool \u00e9 \"{{index}}\""}""");
}
