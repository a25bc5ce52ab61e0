namespace LlamaWoolFarm.Storage.Presence;

/// <summary>
/// Who is online: each live connection of a player holds a lease renewed by heartbeats. A player is reported online
/// once, by the touch that finds it unreported, and reported offline once, by whichever comes first of the
/// disconnect of its last lease and the sweep that finds every lease run out; so the reports alternate strictly,
/// however many connections, replicas and sweepers there are.
/// </summary>
public interface IPresenceStore
{
    /// <summary>
    /// Starts or renews a connection's lease. True for the one caller that reports the player online: it was not
    /// reported online (never, or reported offline since). A lease that ran out but was not swept yet is renewed
    /// without a new report, so a late heartbeat is not an absence.
    /// </summary>
    Task<bool> TouchAsync(Guid playerId, string connectionId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Ends a connection's lease. True for the one caller that saw the player's last lease go.</summary>
    Task<bool> DisconnectAsync(Guid playerId, string connectionId, CancellationToken cancellationToken = default);

    /// <summary>The players of <paramref name="playerIds"/> that hold a live lease now.</summary>
    Task<IReadOnlySet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Players whose every lease ran out without a disconnect (a crashed replica, a silent client), with the end of
    /// their last lease. Each is reported by one call only, even with sweeps racing on several replicas.
    /// </summary>
    Task<IReadOnlyList<PresenceExpiry>> SweepAsync(CancellationToken cancellationToken = default);
}

/// <summary>A player whose leases ran out; <paramref name="LeaseEnded"/> is the end of its last one.</summary>
public sealed record PresenceExpiry(Guid PlayerId, DateTimeOffset LeaseEnded);
