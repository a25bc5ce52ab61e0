using LlamaWoolFarm.Storage.Presence;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Presence;

/// <summary>What every presence store must do; each adapter's test class runs all of it.</summary>
public abstract class PresenceStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    // A day behind real time, so this suite's sweeps never touch leases of processes on the real clock sharing the server.
    protected ManualClock Clock { get; } = new(DateTimeOffset.UtcNow.AddDays(-1));

    protected abstract IPresenceStore CreateStore();

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
    }

    [Fact]
    public async Task A_lease_without_heartbeats_runs_out_and_the_sweep_reports_the_player_once()
    {
        var store = CreateStore();
        var silent = Guid.NewGuid();
        var beating = Guid.NewGuid();
        await store.TouchAsync(silent, "c1", Lease);
        await store.TouchAsync(beating, "c2", Lease);

        Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.False(await store.TouchAsync(beating, "c2", Lease));
        Clock.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal([beating], await store.OnlineAsync([silent, beating]));
        var swept = await store.SweepAsync();
        Assert.Contains(silent, swept);
        Assert.DoesNotContain(beating, swept);
        Assert.DoesNotContain(silent, await store.SweepAsync());
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
}
