using System.Text.Json;
using LlamaWoolFarm.Storage.Operations;
using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.Gateway.Features;

/// <summary>
/// An admin's run-time setting of a flag, which replaces the flag's settings until removed: off for everyone
/// (<c>Enabled</c> false), on for everyone (no percentage and no players), or a rollout to <c>Percentage</c> % of
/// players plus the listed <c>Players</c>.
/// </summary>
public sealed record FeatureOverride(bool Enabled, int? Percentage, IReadOnlyList<Guid> Players, Guid SetBy, DateTimeOffset SetAt)
{
    public bool IsRollout => Enabled && (Percentage is not null || Players.Count > 0);
}

/// <summary>
/// The overrides, kept in the operations store (Redis in server mode, so every gateway instance evaluates the same
/// flags; the embedded store in Standalone), read at most once per <see cref="CacheFor"/> per instance.
/// </summary>
public sealed class FeatureOverrides(IOperationsStateStore store, ILogger<FeatureOverrides> logger)
{
    public const string Section = "features";

    /// <summary>How long an instance trusts what it read: a change reaches every instance within this.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private (IReadOnlyDictionary<string, FeatureOverride> Overrides, long ReadAt)? _cached;

    /// <summary>Every override by flag name (names compare without case, like the library's).</summary>
    public async Task<IReadOnlyDictionary<string, FeatureOverride>> AllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_cached is { } cached && Environment.TickCount64 - cached.ReadAt < CacheFor.TotalMilliseconds)
            {
                return cached.Overrides;
            }
        }

        IReadOnlyDictionary<string, FeatureOverride> overrides;
        try
        {
            var entries = await store.GetAllAsync(Section, cancellationToken);
            overrides = entries.ToDictionary(e => e.Key, e => JsonSerializer.Deserialize<FeatureOverride>(e.Value, Json)!, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception error) when (!error.IsCancellationOf(cancellationToken))
        {
            // A store outage must not flip flags: keep the last known overrides and read again after the cache time.
            logger.LogWarning(error, "Feature flag overrides could not be read; the last known ones apply.");
            overrides = _cached?.Overrides ?? new Dictionary<string, FeatureOverride>(StringComparer.OrdinalIgnoreCase);
        }

        lock (_gate)
        {
            _cached = (overrides, Environment.TickCount64);
        }

        return overrides;
    }

    public async Task SetAsync(string name, FeatureOverride value, CancellationToken cancellationToken = default)
    {
        await store.SetAsync(Section, name, JsonSerializer.Serialize(value, Json), cancellationToken);
        Forget();
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        var removed = await store.RemoveAsync(Section, name, cancellationToken);
        Forget();
        return removed;
    }

    private void Forget()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }
}
