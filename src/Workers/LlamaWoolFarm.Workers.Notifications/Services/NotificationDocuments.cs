namespace LlamaWoolFarm.Workers.Notifications.Services;

/// <summary>
/// One notification (collection <c>notifications</c>, id = notification id, indexed by player and by expiry day).
/// A broadcast belongs to <see cref="Guid.Empty"/>, the player "everyone".
/// </summary>
public sealed class StoredNotification
{
    public Guid NotificationId { get; set; }

    public Guid PlayerId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public Dictionary<string, string> Data { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When its source happened (the unlock, the prestige, the event start …).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When this worker stored it; "mark all read" covers what was stored before it.</summary>
    public DateTimeOffset StoredAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>UTC day of <see cref="ExpiresAt"/> (<c>yyyy-MM-dd</c>); the cleanup finds expired ones by it.</summary>
    public string ExpiresOn { get; set; } = string.Empty;
}

/// <summary>
/// What a player has read (collection <c>notification_reads</c>, id = player): single ids, and everything stored up
/// to a moment. Kept apart from the notifications so a broadcast stays one document however many players read it.
/// </summary>
public sealed class NotificationReadState
{
    public List<Guid> ReadIds { get; set; } = [];

    public DateTimeOffset? AllReadBefore { get; set; }
}

/// <summary>How far the cleanup has gone (collection <c>notification_cleanup</c>, one document).</summary>
public sealed class NotificationCleanupState
{
    /// <summary>The last expiry day (<c>yyyy-MM-dd</c>) whose notifications are all deleted.</summary>
    public string CleanedThrough { get; set; } = string.Empty;
}

/// <summary>A notification about to be stored: its id is derived from its source, so a repeated source makes no second one.</summary>
public sealed record NotificationDraft(
    Guid NotificationId,
    Guid? PlayerId,
    string Kind,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt);
