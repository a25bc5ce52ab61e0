using System.Text.Json;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Storage.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.ServiceDefaults.Auth;

/// <summary>An active ban as the edge enforces it: until <c>ExpiresAt</c> (null: until lifted).</summary>
public sealed record BanEntry(Guid PlayerId, string Reason, Guid BannedBy, DateTimeOffset BannedAt, DateTimeOffset? ExpiresAt);

/// <summary>
/// The ban list every gateway and hub instance enforces: section <c>bans</c> of the operations store (Redis in server
/// mode, so every instance reads the same list; <c>operations.db</c> embedded). The gateway writes it when an admin
/// bans or clears a player (after the accounts worker recorded it); each instance reads it at most once per
/// <see cref="ModerationOptions.BanListCacheSeconds"/>. Expiry is compared with the clock on every check, so an expired
/// ban lifts itself everywhere on time.
/// </summary>
public sealed class BanList(IOperationsStateStore store, ModerationOptions options, TimeProvider clock, ILogger<BanList> logger)
{
    public const string Section = "bans";

    /// <summary>Set on the request when its token was refused because its player is banned (the gateway answers 403 <c>ACCOUNT_BANNED</c>).</summary>
    public const string BannedItem = "lwf.banned";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private (IReadOnlyDictionary<Guid, BanEntry> Bans, long ReadAt)? _cached;

    /// <summary>The player's active ban, or null.</summary>
    public async Task<BanEntry?> FindAsync(Guid playerId, CancellationToken cancellationToken = default) =>
        // A lookup in the cached map, not a sorted copy of every ban: every sign-in asks.
        (await ReadAsync(cancellationToken)).TryGetValue(playerId, out var ban) && (ban.ExpiresAt is null || ban.ExpiresAt > clock.GetUtcNow())
            ? ban
            : null;

    /// <summary>Every active ban, newest first.</summary>
    public async Task<IReadOnlyList<BanEntry>> AllAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return (await ReadAsync(cancellationToken)).Values.Where(b => b.ExpiresAt is null || b.ExpiresAt > now).OrderByDescending(b => b.BannedAt).ToList();
    }

    /// <summary>Adds (or replaces) a ban; this instance enforces it at once.</summary>
    public async Task SetAsync(BanEntry ban, CancellationToken cancellationToken = default)
    {
        await store.SetAsync(Section, ban.PlayerId.ToString("N"), JsonSerializer.Serialize(ban, Json), cancellationToken);
        Forget();
    }

    /// <summary>Removes a ban; true when there was an entry.</summary>
    public async Task<bool> RemoveAsync(Guid playerId, CancellationToken cancellationToken = default)
    {
        var removed = await store.RemoveAsync(Section, playerId.ToString("N"), cancellationToken);
        Forget();
        return removed;
    }

    private async Task<IReadOnlyDictionary<Guid, BanEntry>> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cached is { } cached && Environment.TickCount64 - cached.ReadAt < options.BanListCacheSeconds * 1000L)
            {
                return cached.Bans;
            }
        }

        IReadOnlyDictionary<Guid, BanEntry> bans;
        try
        {
            var entries = await store.GetAllAsync(Section, cancellationToken);
            var now = clock.GetUtcNow();
            bans = entries.Values.Select(v => JsonSerializer.Deserialize<BanEntry>(v, Json)!)
                .Where(b => b.ExpiresAt is null || b.ExpiresAt > now)
                .ToDictionary(b => b.PlayerId);
        }
        catch (Exception error) when (!error.IsCancellationOf(cancellationToken))
        {
            // The store being down must not sign everyone out: keep the last known list and try again later.
            logger.LogWarning(error, "The ban list could not be read; the last known one applies.");
            bans = _cached?.Bans ?? new Dictionary<Guid, BanEntry>();
        }

        lock (_gate)
        {
            _cached = (bans, Environment.TickCount64);
        }

        return bans;
    }

    private void Forget()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }
}

/// <summary>Registration of the ban list (gateway and realtime hosts).</summary>
public static class BanListExtensions
{
    /// <summary>The ban list over the operations store; JWT validation then refuses banned players' tokens.</summary>
    public static IHostApplicationBuilder AddBanList(this IHostApplicationBuilder builder)
    {
        builder.AddOperationsStateStorage();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSettings<ModerationOptions>(ModerationOptions.SectionName);
        builder.Services.TryAddSingleton<BanList>();
        return builder;
    }
}
