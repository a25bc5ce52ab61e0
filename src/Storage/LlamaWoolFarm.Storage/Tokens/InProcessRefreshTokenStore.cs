using LlamaWoolFarm.Storage.InProcess;

namespace LlamaWoolFarm.Storage.Tokens;

/// <summary>Refresh tokens in process memory (Standalone and tests); one lock keeps use-once atomic.</summary>
public sealed class InProcessRefreshTokenStore(TimeProvider clock) : IRefreshTokenStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _revokedFamilies = new(StringComparer.Ordinal);
    private readonly ExpiryQueue _tokenExpiries = new();
    private readonly ExpiryQueue _familyExpiries = new();

    public Task StoreAsync(string tokenHash, RefreshTokenRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Sweep();
            _tokens[tokenHash] = new Entry(record);
            _tokenExpiries.Add(tokenHash, record.ExpiresAt);
        }

        return Task.CompletedTask;
    }

    public Task<RefreshTokenUse> UseAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(tokenHash, out var entry) || entry.Record.ExpiresAt <= clock.GetUtcNow())
            {
                return Task.FromResult(new RefreshTokenUse(RefreshTokenOutcome.NotFound, null));
            }

            if (_revokedFamilies.ContainsKey(entry.Record.FamilyId))
            {
                return Task.FromResult(new RefreshTokenUse(RefreshTokenOutcome.Revoked, null));
            }

            if (entry.Used)
            {
                RevokeFamily(entry.Record.FamilyId, entry.Record.ExpiresAt);
                return Task.FromResult(new RefreshTokenUse(RefreshTokenOutcome.Reused, null));
            }

            entry.Used = true;
            return Task.FromResult(new RefreshTokenUse(RefreshTokenOutcome.Valid, entry.Record));
        }
    }

    public Task<bool> RevokeFamilyOfAsync(string tokenHash, Guid playerId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(tokenHash, out var entry) || entry.Record.ExpiresAt <= clock.GetUtcNow() || entry.Record.PlayerId != playerId)
            {
                return Task.FromResult(false);
            }

            RevokeFamily(entry.Record.FamilyId, entry.Record.ExpiresAt + TimeSpan.FromDays(30));
            return Task.FromResult(true);
        }
    }

    public Task<int> RevokePlayerAsync(Guid playerId, DateTimeOffset? startedBefore = null, CancellationToken cancellationToken = default)
    {
        var before = startedBefore is { } moment ? SessionFamilies.StartPrefix(moment) : null;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var families = _tokens.Values
                .Where(e => e.Record.PlayerId == playerId && e.Record.ExpiresAt > now && SessionFamilies.StartedBefore(e.Record.FamilyId, before))
                .GroupBy(e => e.Record.FamilyId).ToList();
            foreach (var family in families)
            {
                RevokeFamily(family.Key, family.Max(e => e.Record.ExpiresAt) + TimeSpan.FromDays(30));
            }

            return Task.FromResult(families.Count);
        }
    }

    // Expired entries go on writes, so memory follows the live tokens; each write costs O(log n), not a scan.
    private void Sweep()
    {
        var now = clock.GetUtcNow();
        _tokenExpiries.Trim(_tokens, e => e.Record.ExpiresAt, now, int.MaxValue);
        _familyExpiries.Trim(_revokedFamilies, until => until, now, int.MaxValue);
    }

    private void RevokeFamily(string familyId, DateTimeOffset until)
    {
        _revokedFamilies[familyId] = until;
        _familyExpiries.Add(familyId, until);
    }

    private sealed class Entry(RefreshTokenRecord record)
    {
        public RefreshTokenRecord Record { get; } = record;

        public bool Used { get; set; }
    }
}
