using LlamaWoolFarm.Storage.InProcess;

namespace LlamaWoolFarm.Storage.Tests.InProcess;

public sealed class ExpiryQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Expired_keys_go_and_the_others_stay()
    {
        var (entries, queue) = Held(("a", 1), ("b", 2), ("c", 3));

        queue.Trim(entries, e => e, T0.AddSeconds(2), int.MaxValue);

        Assert.Equal(["c"], entries.Keys);
        Assert.Equal(1, queue.Queued);
    }

    [Fact]
    public void A_key_written_again_with_a_later_expiry_outlives_its_first_item()
    {
        var (entries, queue) = Held(("a", 1));
        entries["a"] = T0.AddSeconds(10);
        queue.Add("a", entries["a"]);

        queue.Trim(entries, e => e, T0.AddSeconds(5), int.MaxValue);
        Assert.True(entries.ContainsKey("a"));
        Assert.Equal(1, queue.Queued);

        queue.Trim(entries, e => e, T0.AddSeconds(10), int.MaxValue);
        Assert.Empty(entries);
        Assert.Equal(0, queue.Queued);
    }

    [Fact]
    public void Over_capacity_the_soonest_to_expire_go_first()
    {
        var (entries, queue) = Held(("late", 30), ("soon", 10), ("middle", 20));
        // An outdated item of "late" at the head must not count as a removal.
        queue.Add("late", T0.AddSeconds(5));

        queue.Trim(entries, e => e, T0, capacity: 1);

        Assert.Equal(["late"], entries.Keys);
    }

    [Fact]
    public void A_removed_key_leaves_only_an_item_that_is_skipped()
    {
        var (entries, queue) = Held(("a", 1), ("b", 1));
        entries.Remove("a");

        queue.Trim(entries, e => e, T0.AddSeconds(1), int.MaxValue);

        Assert.Empty(entries);
        Assert.Equal(0, queue.Queued);
    }

    private static (Dictionary<string, DateTimeOffset> Entries, ExpiryQueue Queue) Held(params (string Key, int Seconds)[] keys)
    {
        var entries = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var queue = new ExpiryQueue();
        foreach (var (key, seconds) in keys)
        {
            entries[key] = T0.AddSeconds(seconds);
            queue.Add(key, entries[key]);
        }

        return (entries, queue);
    }
}
