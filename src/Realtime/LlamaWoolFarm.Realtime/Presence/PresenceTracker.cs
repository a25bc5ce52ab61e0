using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Presence;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Presence;

/// <summary>
/// Keeps the presence store in step with the hub's connections and publishes what changed. The store decides who
/// reports (one caller per change across replicas); this publishes after it, so a publish that fails loses that
/// report (at most once) rather than repeating it.
/// </summary>
public sealed class PresenceTracker(IPresenceStore store, IBus bus, PresenceOptions options, TimeProvider clock)
{
    /// <summary>A connection opened or sent a heartbeat: renew its lease; the player is active now.</summary>
    public async Task TouchAsync(Guid playerId, string connectionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await store.TouchAsync(playerId, connectionId, options.Lease, cancellationToken))
        {
            await bus.Publish(new PlayerCameOnline(playerId, now), cancellationToken);
        }

        await bus.Publish(new PlayerActivity(playerId, now), cancellationToken);
    }

    /// <summary>A connection closed: the player goes offline when it was its last one.</summary>
    public async Task DisconnectAsync(Guid playerId, string connectionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await store.DisconnectAsync(playerId, connectionId, cancellationToken))
        {
            await bus.Publish(new PlayerWentOffline(playerId, now, now, LeaseExpired: false), cancellationToken);
        }
    }

    /// <summary>Reports the players whose leases ran out; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var gone = await store.SweepAsync(cancellationToken);
        foreach (var expiry in gone)
        {
            // The lease was last renewed one lease before it ended: that heartbeat is the last sign of life.
            await bus.Publish(new PlayerWentOffline(expiry.PlayerId, now, expiry.LeaseEnded - options.Lease, LeaseExpired: true), cancellationToken);
        }

        return gone.Count;
    }
}
