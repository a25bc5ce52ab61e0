using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Realtime.Presence;
using LlamaWoolFarm.Storage.Presence;
using LlamaWoolFarm.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Standalone.Tests.Presence;

/// <summary>What realtime publishes for connections, heartbeats, disconnects and expired leases.</summary>
public sealed class PresenceTrackerTests : IAsyncLifetime
{
    private static readonly PresenceOptions Options = new() { Lease = TimeSpan.FromSeconds(90) };

    private ServiceProvider _provider = null!;

    private ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    private ManualClock Clock => _provider.GetRequiredService<ManualClock>();

    private PresenceTracker Tracker => _provider.GetRequiredService<PresenceTracker>();

    public async Task InitializeAsync() =>
        _provider = await TestBus.StartAsync(
            s =>
            {
                s.AddSingleton(Options);
                s.AddSingleton<IPresenceStore>(sp => new InProcessPresenceStore(sp.GetRequiredService<TimeProvider>()));
                s.AddSingleton<PresenceTracker>();
            },
            _ => { });

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task The_first_connection_publishes_online_once_and_every_touch_publishes_activity()
    {
        var player = Guid.NewGuid();
        await Tracker.TouchAsync(player, "tab-1", default);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Tracker.TouchAsync(player, "tab-1", default);
        await Tracker.TouchAsync(player, "tab-2", default);

        Assert.True(await Harness.Published.Any<PlayerActivity>(p => p.Context.Message.PlayerId == player && p.Context.Message.At == TestBus.Start.AddSeconds(30)));
        Assert.Single(Harness.Published.Select<PlayerCameOnline>(p => p.Context.Message.PlayerId == player));
        Assert.Equal(TestBus.Start, Harness.Published.Select<PlayerCameOnline>(p => p.Context.Message.PlayerId == player).Single().Context.Message.At);
        Assert.Equal(3, Harness.Published.Select<PlayerActivity>(p => p.Context.Message.PlayerId == player).Count());
    }

    [Fact]
    public async Task Closing_the_last_connection_publishes_offline_at_that_moment()
    {
        var player = Guid.NewGuid();
        await Tracker.TouchAsync(player, "tab-1", default);
        await Tracker.TouchAsync(player, "tab-2", default);
        await Tracker.DisconnectAsync(player, "tab-1", default);
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Tracker.DisconnectAsync(player, "tab-2", default);

        Assert.True(await Harness.Published.Any<PlayerWentOffline>(p => p.Context.Message.PlayerId == player));
        var offline = Assert.Single(Harness.Published.Select<PlayerWentOffline>(p => p.Context.Message.PlayerId == player)).Context.Message;
        Assert.Equal(TestBus.Start.AddSeconds(5), offline.At);
        Assert.Equal(offline.At, offline.LastSeenAt);
        Assert.False(offline.LeaseExpired);
    }

    [Fact]
    public async Task An_expired_lease_is_published_offline_once_with_the_last_heartbeat_as_last_seen()
    {
        var player = Guid.NewGuid();
        await Tracker.TouchAsync(player, "tab-1", default);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Tracker.TouchAsync(player, "tab-1", default);
        Clock.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal(1, await Tracker.SweepAsync(default));
        Assert.Equal(0, await Tracker.SweepAsync(default));
        await Tracker.DisconnectAsync(player, "tab-1", default);

        Assert.True(await Harness.Published.Any<PlayerWentOffline>(p => p.Context.Message.PlayerId == player));
        var offline = Assert.Single(Harness.Published.Select<PlayerWentOffline>(p => p.Context.Message.PlayerId == player)).Context.Message;
        Assert.True(offline.LeaseExpired);
        Assert.Equal(TestBus.Start.AddSeconds(130), offline.At);
        Assert.Equal(TestBus.Start.AddSeconds(30), offline.LastSeenAt);
    }
}
