namespace LlamaWoolFarm.Storage.Presence;

/// <summary>
/// Who is online: each live connection of a player holds a lease renewed by heartbeats. A player is online while
/// any lease is live; a crashed replica's leases run out and <see cref="SweepAsync"/> reports those players once.
/// </summary>
public interface IPresenceStore
{
    /// <summary>Starts or renews a connection's lease. True when the player was offline before.</summary>
    Task<bool> TouchAsync(Guid playerId, string connectionId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Ends a connection's lease. True for the one caller that saw the player's last lease go.</summary>
    Task<bool> DisconnectAsync(Guid playerId, string connectionId, CancellationToken cancellationToken = default);

    /// <summary>The players of <paramref name="playerIds"/> that are online now.</summary>
    Task<IReadOnlySet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default);

    /// <summary>Players whose last lease ran out without a disconnect; each is reported by one call only.</summary>
    Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken = default);
}
