using LlamaWoolFarm.Storage.Presence;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Presence;

/// <summary>What every presence store must do; each adapter's test class runs all of it.</summary>
public abstract class PresenceStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    // A day behind real time, so this suite's leases never look live to processes on the real clock sharing the server.
    protected ManualClock Clock { get; } = new(DateTimeOffset.UtcNow.AddDays(-1));

    protected abstract IPresenceStore CreateStore();

    /// <summary>Another replica's view of the same presence (Redis: another adapter on the same keys).</summary>
    protected abstract IPresenceStore OtherReplica(IPresenceStore store);

    [Fact]
    public async Task The_first_connection_brings_a_player_online_and_the_last_disconnect_takes_it_offline()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();

        Assert.True(await store.TouchAsync(player, "c1", Lease));
        Assert.False(await store.TouchAsync(player, "c2", Lease));
        Assert.Contains(player, await store.OnlineAsync([player]));
        Assert.False(await store.DisconnectAsync(player, "c1"));
        Assert.Contains(player, await store.OnlineAsync([player]));
        Assert.True(await store.DisconnectAsync(player, "c2"));

        Assert.Empty(await store.OnlineAsync([player]));
        Assert.False(await store.DisconnectAsync(player, "c2"));
        Assert.True(await store.TouchAsync(player, "c3", Lease));
    }

    [Fact]
    public async Task A_lease_without_heartbeats_runs_out_and_the_sweep_reports_the_player_once()
    {
        var store = CreateStore();
        var silent = Guid.NewGuid();
        var beating = Guid.NewGuid();
        await store.TouchAsync(silent, "c1", Lease);
        var silentLeaseEnd = Clock.Now + Lease;
        await store.TouchAsync(beating, "c2", Lease);

        Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.False(await store.TouchAsync(beating, "c2", Lease));
        Clock.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal([beating], await store.OnlineAsync([silent, beating]));
        var swept = await store.SweepAsync();
        var expiry = Assert.Single(swept, e => e.PlayerId == silent);
        Assert.Equal(silentLeaseEnd.ToUnixTimeMilliseconds(), expiry.LeaseEnded.ToUnixTimeMilliseconds());
        Assert.DoesNotContain(swept, e => e.PlayerId == beating);
        Assert.DoesNotContain(await store.SweepAsync(), e => e.PlayerId == silent);
        Assert.False(await store.DisconnectAsync(silent, "c1"));
    }

    [Fact]
    public async Task Online_answers_only_for_the_players_asked_about()
    {
        var store = CreateStore();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        await store.TouchAsync(a, "x", Lease);
        await store.TouchAsync(c, "y", Lease);

        var online = await store.OnlineAsync([a, b]);

        Assert.Equal([a], online);
    }

    [Fact]
    public async Task Connections_on_two_replicas_count_together()
    {
        var replicaA = CreateStore();
        var replicaB = OtherReplica(replicaA);
        var player = Guid.NewGuid();

        Assert.True(await replicaA.TouchAsync(player, "on-a", Lease));
        Assert.False(await replicaB.TouchAsync(player, "on-b", Lease));
        Assert.False(await replicaA.DisconnectAsync(player, "on-a"));

        Assert.Contains(player, await replicaA.OnlineAsync([player]));
        Assert.True(await replicaB.DisconnectAsync(player, "on-b"));
        Assert.Empty(await replicaA.OnlineAsync([player]));
    }

    [Fact]
    public async Task Concurrent_first_connections_report_the_player_online_once()
    {
        var store = CreateStore();
        var other = OtherReplica(store);
        var player = Guid.NewGuid();

        var touches = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? store : other).TouchAsync(player, "c" + i, Lease))));

        Assert.Single(touches, t => t);
    }

    [Fact]
    public async Task A_late_heartbeat_before_the_sweep_renews_the_lease_without_a_second_online_report()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        Assert.True(await store.TouchAsync(player, "c1", Lease));

        Clock.Advance(Lease + TimeSpan.FromSeconds(5));
        Assert.Empty(await store.OnlineAsync([player]));
        Assert.False(await store.TouchAsync(player, "c1", Lease));

        Assert.Contains(player, await store.OnlineAsync([player]));
        Assert.DoesNotContain(await store.SweepAsync(), e => e.PlayerId == player);
    }

    [Fact]
    public async Task A_disconnect_racing_the_sweep_reports_the_player_offline_once()
    {
        var store = CreateStore();
        var other = OtherReplica(store);
        var players = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var player in players)
        {
            await store.TouchAsync(player, "c", Lease);
        }

        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var disconnecting = players.Select(p => Task.Run(() => store.DisconnectAsync(p, "c"))).ToList();
        var sweeping = Enumerable.Range(0, 3).Select(i => Task.Run(() => (i % 2 == 0 ? store : other).SweepAsync())).ToList();
        var disconnects = await Task.WhenAll(disconnecting);
        var sweeps = await Task.WhenAll(sweeping);

        foreach (var (player, index) in players.Select((p, i) => (p, i)))
        {
            var reports = (disconnects[index] ? 1 : 0) + sweeps.Sum(s => s.Count(e => e.PlayerId == player));
            Assert.Equal(1, reports);
        }
    }

    [Fact]
    public async Task A_player_reported_offline_by_the_sweep_is_reported_online_again_by_its_next_touch()
    {
        var store = CreateStore();
        var player = Guid.NewGuid();
        await store.TouchAsync(player, "c1", Lease);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Contains(await store.SweepAsync(), e => e.PlayerId == player);

        Assert.True(await store.TouchAsync(player, "c1", Lease));
        Assert.Contains(player, await store.OnlineAsync([player]));
    }
}
