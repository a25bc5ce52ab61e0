using System.Globalization;
using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Notifications.Services;

/// <summary>
/// Stores notifications once per source, lists them newest first with their read state, marks them read, and
/// deletes them when they expire. Owns the collections <c>notifications</c>, <c>notification_reads</c> and
/// <c>notification_cleanup</c>.
/// </summary>
public sealed class NotificationService
{
    /// <summary>The most notifications one listing answers.</summary>
    public const int MaxLimit = 100;

    /// <summary>How many days back the first cleanup looks for expiry days.</summary>
    public const int FirstCleanupLookBackDays = 400;

    private const int CleanupBatch = 500;
    private const string CleanupStateId = "expiry";

    private readonly IDocumentCollection<StoredNotification> _notifications;
    private readonly IDocumentCollection<NotificationReadState> _reads;
    private readonly IDocumentCollection<NotificationCleanupState> _cleanup;
    private readonly NotificationsOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<NotificationService> _logger;

    public NotificationService(IDocumentStore store, NotificationsOptions options, TimeProvider clock, ILogger<NotificationService> logger)
    {
        _notifications = store.Collection<StoredNotification>("notifications", new DocumentIndex("playerId"), new DocumentIndex("expiresOn"));
        _reads = store.Collection<NotificationReadState>("notification_reads");
        _cleanup = store.Collection<NotificationCleanupState>("notification_cleanup");
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// Stores the draft unless its id exists; returns the event to publish, or null when it was stored before (a
    /// repeated source) — so <see cref="NotificationCreated"/> leaves once per notification.
    /// </summary>
    public async Task<NotificationCreated?> CreateAsync(NotificationDraft draft, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var owner = draft.PlayerId ?? Guid.Empty;
        var expiresAt = now + _options.Expiry;
        var document = new StoredNotification
        {
            NotificationId = draft.NotificationId,
            PlayerId = owner,
            Kind = draft.Kind,
            Title = draft.Title,
            Body = draft.Body,
            Data = new Dictionary<string, string>(draft.Data, StringComparer.Ordinal),
            CreatedAt = draft.CreatedAt,
            StoredAt = now,
            ExpiresAt = expiresAt,
            ExpiresOn = Day(expiresAt),
        };
        if (!await _notifications.InsertAsync(Key(draft.NotificationId), document, cancellationToken))
        {
            return null;
        }

        await TrimAsync(owner, cancellationToken);
        return new NotificationCreated(draft.NotificationId, draft.PlayerId, View(document, read: false));
    }

    /// <summary>The stored notification of an id as its owner sees it before reading it; null when there is none.</summary>
    public async Task<NotificationView?> FindAsync(Guid notificationId, CancellationToken cancellationToken) =>
        await _notifications.GetAsync(Key(notificationId), cancellationToken) is { } stored ? View(stored.Document, read: false) : null;

    /// <summary>The player's unexpired notifications and the broadcasts, newest first, at most the query's limit (1 … 100).</summary>
    public async Task<NotificationList> ListAsync(GetNotifications query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var (visible, state) = await VisibleAsync(query.PlayerId, cancellationToken);
        var views = visible.Select(n => View(n, IsRead(n, state.Document))).ToList();
        var unread = views.Count(v => !v.Read);
        return new NotificationList(query.PlayerId, [.. views.Where(v => !query.UnreadOnly || !v.Read).Take(limit)], unread);
    }

    /// <summary>Marks the named notifications (or all) read; ids the player cannot see are ignored.</summary>
    public async Task<NotificationsMarkedRead> MarkReadAsync(MarkNotificationsRead command, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var (visible, read) = await VisibleAsync(command.PlayerId, cancellationToken);
        var state = read.Document;
        var unreadBefore = visible.Where(n => !IsRead(n, state)).Select(n => n.NotificationId).ToHashSet();
        HashSet<Guid> marked;
        if (command.All)
        {
            marked = unreadBefore;
            state.AllReadBefore = now;
            state.ReadIds = [];
        }
        else
        {
            marked = command.NotificationIds.Where(unreadBefore.Contains).ToHashSet();
            // Ids of notifications that expired or were trimmed are dropped, so the list stays as long as what is visible.
            var visibleIds = visible.Select(n => n.NotificationId).ToHashSet();
            state.ReadIds = [.. state.ReadIds.Where(visibleIds.Contains).Concat(marked).Distinct()];
        }

        if (marked.Count > 0 || command.All)
        {
            var written = read.Version == 0
                ? await _reads.InsertAsync(Key(command.PlayerId), state, cancellationToken)
                : await _reads.ReplaceAsync(Key(command.PlayerId), state, read.Version, cancellationToken);
            if (!written)
            {
                throw new ConcurrencyException("The read state changed while notifications were marked read.", typeof(NotificationReadState), command.PlayerId);
            }
        }

        return new NotificationsMarkedRead(command.PlayerId, marked.Count, unreadBefore.Count - marked.Count);
    }

    /// <summary>
    /// Deletes every notification whose expiry has passed, expiry day by expiry day from where the last run stopped
    /// (or <see cref="FirstCleanupLookBackDays"/> back), and remembers the last day it finished. Returns how many it deleted.
    /// </summary>
    public async Task<int> CleanupAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var stored = await _cleanup.GetAsync(CleanupStateId, cancellationToken);
        var day = stored is not null && DateOnly.TryParseExact(stored.Document.CleanedThrough, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var through)
            ? through.AddDays(1)
            : today.AddDays(-FirstCleanupLookBackDays);
        var deleted = 0;
        for (; day < today; day = day.AddDays(1))
        {
            // Every notification expiring on a past day has expired: delete batches until none is left.
            while (await _notifications.FindAsync("expiresOn", Day(day), CleanupBatch, cancellationToken) is { Count: > 0 } batch)
            {
                foreach (var notification in batch)
                {
                    deleted += await _notifications.DeleteAsync(notification.Id, cancellationToken) ? 1 : 0;
                }
            }
        }

        // Today's day is only partly over: one pass over it, keeping what expires later today.
        foreach (var notification in await _notifications.FindAsync("expiresOn", Day(today), 100_000, cancellationToken))
        {
            if (notification.Document.ExpiresAt <= now)
            {
                deleted += await _notifications.DeleteAsync(notification.Id, cancellationToken) ? 1 : 0;
            }
        }

        var state = new NotificationCleanupState { CleanedThrough = Day(today.AddDays(-1)) };
        var saved = stored is null
            ? await _cleanup.InsertAsync(CleanupStateId, state, cancellationToken)
            : await _cleanup.ReplaceAsync(CleanupStateId, state, stored.Version, cancellationToken);
        if (!saved)
        {
            // Another run finished meanwhile; it deleted the same things.
            _logger.LogInformation("Notification cleanup: another run recorded its progress first");
        }

        _logger.LogInformation("Notification cleanup: {Count} expired notifications deleted", deleted);
        return deleted;
    }

    /// <summary>Deletes the player's own notifications and read state (broadcasts stay: they belong to everyone); returns how many documents went.</summary>
    public async Task<long> PurgeAsync(Guid playerId, CancellationToken cancellationToken)
    {
        long removed = await _reads.DeleteAsync(Key(playerId), cancellationToken) ? 1 : 0;
        while (await _notifications.FindAsync("playerId", playerId.ToString(), CleanupBatch, cancellationToken) is { Count: > 0 } batch)
        {
            foreach (var notification in batch)
            {
                removed += await _notifications.DeleteAsync(notification.Id, cancellationToken) ? 1 : 0;
            }
        }

        return removed;
    }

    /// <summary>Every stored notification of the player (expired ones not yet cleaned too) with its read state, and the read state itself.</summary>
    public async Task<object> ExportAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var own = await _notifications.FindAsync("playerId", playerId.ToString(), _options.MaxPerPlayer * 2, cancellationToken);
        var state = (await _reads.GetAsync(Key(playerId), cancellationToken))?.Document ?? new NotificationReadState();
        return new
        {
            notifications = own.Select(s => s.Document).OrderByDescending(n => n.StoredAt).Select(n => View(n, IsRead(n, state))).ToList(),
            readState = state,
        };
    }

    public static string Key(Guid id) => id.ToString("N");

    public static string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(at.UtcDateTime));

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static NotificationView View(StoredNotification n, bool read) =>
        new(n.NotificationId, n.Kind, n.Title, n.Body, n.Data, n.PlayerId == Guid.Empty, read, n.CreatedAt, n.ExpiresAt);

    private static bool IsRead(StoredNotification n, NotificationReadState state) =>
        state.ReadIds.Contains(n.NotificationId) || (state.AllReadBefore is { } before && n.StoredAt <= before);

    /// <summary>The unexpired notifications of the player and the broadcasts, newest first, and the read state (version 0 when none).</summary>
    private async Task<(List<StoredNotification> Visible, Stored<NotificationReadState> Read)> VisibleAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var window = _options.MaxPerPlayer * 2;
        var own = await _notifications.FindAsync("playerId", playerId.ToString(), window, cancellationToken);
        var everyone = await _notifications.FindAsync("playerId", Guid.Empty.ToString(), window, cancellationToken);
        var visible = own.Concat(everyone)
            .Select(s => s.Document)
            .Where(n => n.ExpiresAt > now)
            .OrderByDescending(n => n.CreatedAt)
            .ThenByDescending(n => n.StoredAt)
            .ThenBy(n => n.NotificationId)
            .ToList();
        var read = await _reads.GetAsync(Key(playerId), cancellationToken) ?? new Stored<NotificationReadState>(Key(playerId), 0, new NotificationReadState());
        return (visible, read);
    }

    /// <summary>Keeps a player (or the broadcasts) at <see cref="NotificationsOptions.MaxPerPlayer"/>: the oldest go first.</summary>
    private async Task TrimAsync(Guid owner, CancellationToken cancellationToken)
    {
        var all = await _notifications.FindAsync("playerId", owner.ToString(), _options.MaxPerPlayer * 2, cancellationToken);
        if (all.Count <= _options.MaxPerPlayer)
        {
            return;
        }

        foreach (var old in all.OrderByDescending(n => n.Document.StoredAt).ThenBy(n => n.Id, StringComparer.Ordinal).Skip(_options.MaxPerPlayer))
        {
            await _notifications.DeleteAsync(old.Id, cancellationToken);
        }
    }
}
