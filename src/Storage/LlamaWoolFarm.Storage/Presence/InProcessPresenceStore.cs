namespace LlamaWoolFarm.Storage.Presence;

/// <summary>
/// Presence in process memory (Standalone and tests), timed by the injected clock. A player is in the map exactly
/// while it is reported online.
/// </summary>
public sealed class InProcessPresenceStore(TimeProvider clock) : IPresenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Dictionary<string, DateTimeOffset>> _leases = [];

    public Task<bool> TouchAsync(Guid playerId, string connectionId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var reported = _leases.TryGetValue(playerId, out var connections);
            if (connections is null)
            {
                connections = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                _leases[playerId] = connections;
            }

            Prune(connections, now);
            connections[connectionId] = now + lease;
            return Task.FromResult(!reported);
        }
    }

    public Task<bool> DisconnectAsync(Guid playerId, string connectionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_leases.TryGetValue(playerId, out var connections))
            {
                return Task.FromResult(false);
            }

            connections.Remove(connectionId);
            Prune(connections, now);
            if (connections.Count > 0)
            {
                return Task.FromResult(false);
            }

            _leases.Remove(playerId);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlySet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            IReadOnlySet<Guid> online = playerIds
                .Where(p => _leases.TryGetValue(p, out var connections) && connections.Values.Any(e => e > now))
                .ToHashSet();
            return Task.FromResult(online);
        }
    }

    public Task<IReadOnlyList<PresenceExpiry>> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var gone = _leases
                .Where(p => p.Value.Values.All(e => e <= now))
                .Select(p => new PresenceExpiry(p.Key, p.Value.Count == 0 ? now : p.Value.Values.Max()))
                .ToList();
            foreach (var expiry in gone)
            {
                _leases.Remove(expiry.PlayerId);
            }

            return Task.FromResult<IReadOnlyList<PresenceExpiry>>(gone);
        }
    }

    private static void Prune(Dictionary<string, DateTimeOffset> connections, DateTimeOffset now)
    {
        foreach (var stale in connections.Where(c => c.Value <= now).Select(c => c.Key).ToList())
        {
            connections.Remove(stale);
        }
    }
}
