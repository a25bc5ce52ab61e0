using System.Text.Json;
using LlamaWoolFarm.Storage.Operations;
using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.Gateway.Maintenance;

/// <summary>A maintenance window an admin set: the message players see, when it starts and when it is expected to end.</summary>
public sealed record MaintenanceWindow(string Message, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid SetBy, DateTimeOffset SetAt);

/// <summary>What players and admins see of maintenance: <c>active</c> now, or <c>scheduled</c> for later, or neither.</summary>
public sealed record MaintenanceView(bool Active, bool Scheduled, string? Message, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? RetryAfterSeconds)
{
    public static readonly MaintenanceView None = new(false, false, null, null, null, null);
}

/// <summary>
/// The maintenance window, kept in the operations store (Redis in server mode, so every gateway instance agrees; the
/// embedded store in Standalone). Each instance reads it at most once per <see cref="CacheFor"/>: a window set on
/// one instance is enforced by the others within that, and one that ends does so on time everywhere, because the
/// end is compared with the clock on every request, not cached.
/// </summary>
public sealed class MaintenanceSchedule(IOperationsStateStore store, TimeProvider clock, ILogger<MaintenanceSchedule> logger)
{
    public const string Section = "maintenance";
    private const string Entry = "window";

    /// <summary>How long an instance trusts what it read.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private (MaintenanceWindow? Window, long ReadAt)? _cached;

    /// <summary>The window (active or still to come), or null; cached for <see cref="CacheFor"/>.</summary>
    public async Task<MaintenanceWindow?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_cached is { } cached && Environment.TickCount64 - cached.ReadAt < CacheFor.TotalMilliseconds)
            {
                return Live(cached.Window);
            }
        }

        MaintenanceWindow? window;
        try
        {
            var entries = await store.GetAllAsync(Section, cancellationToken);
            window = entries.TryGetValue(Entry, out var json) ? JsonSerializer.Deserialize<MaintenanceWindow>(json, Json) : null;
        }
        catch (Exception error) when (!error.IsCancellationOf(cancellationToken))
        {
            // The store being down must not stop the game: keep what was last known, and try again after the cache time.
            logger.LogWarning(error, "The maintenance window could not be read; the last known one applies.");
            window = _cached?.Window;
        }

        lock (_gate)
        {
            _cached = (window, Environment.TickCount64);
        }

        return Live(window);
    }

    /// <summary>The view at the current time.</summary>
    public async Task<MaintenanceView> ViewAsync(CancellationToken cancellationToken = default) => View(await CurrentAsync(cancellationToken));

    /// <summary>Sets (replaces) the window.</summary>
    public async Task SetAsync(MaintenanceWindow window, CancellationToken cancellationToken = default)
    {
        await store.SetAsync(Section, Entry, JsonSerializer.Serialize(window, Json), cancellationToken);
        Forget();
    }

    /// <summary>Ends (or cancels) the window; true when there was one.</summary>
    public async Task<bool> EndAsync(CancellationToken cancellationToken = default)
    {
        var live = await CurrentAsync(cancellationToken) is not null;
        await store.RemoveAsync(Section, Entry, cancellationToken);
        Forget();
        return live;
    }

    /// <summary>The view of <paramref name="window"/> at the current time.</summary>
    public MaintenanceView View(MaintenanceWindow? window)
    {
        var now = clock.GetUtcNow();
        if (window is null || window.EndsAt <= now)
        {
            return MaintenanceView.None;
        }

        var active = window.StartsAt <= now;
        return new MaintenanceView(active, !active, window.Message, window.StartsAt, window.EndsAt, active ? RetryAfterSeconds(window, now) : null);
    }

    /// <summary>Seconds until the expected end, at least 1.</summary>
    public static int RetryAfterSeconds(MaintenanceWindow window, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((window.EndsAt - now).TotalSeconds));

    private MaintenanceWindow? Live(MaintenanceWindow? window) => window is not null && window.EndsAt > clock.GetUtcNow() ? window : null;

    private void Forget()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }
}
