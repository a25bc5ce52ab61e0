namespace LlamaWoolFarm.Storage.Presence;

/// <summary>Presence in process memory (Standalone and tests), timed by the injected clock.</summary>
public sealed class InProcessPresenceStore(TimeProvider clock) : IPresenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Dictionary<string, DateTimeOffset>> _leases = [];

    public Task<bool> TouchAsync(Guid playerId, string connectionId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_leases.TryGetValue(playerId, out var connections))
            {
                connections = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                _leases[playerId] = connections;
            }

            var wasOnline = connections.Values.Any(e => e > now);
            connections[connectionId] = now + lease;
            return Task.FromResult(!wasOnline);
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
            if (connections.Values.Any(e => e > now))
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

    public Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var gone = _leases.Where(p => p.Value.Values.All(e => e <= now)).Select(p => p.Key).ToList();
            foreach (var player in gone)
            {
                _leases.Remove(player);
            }

            return Task.FromResult<IReadOnlyList<Guid>>(gone);
        }
    }
}
