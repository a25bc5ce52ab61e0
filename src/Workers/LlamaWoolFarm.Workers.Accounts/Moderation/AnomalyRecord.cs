namespace LlamaWoolFarm.Workers.Accounts.Moderation;

/// <summary>
/// One anomaly record as stored in the player's <see cref="AnomalyFile"/>. A coalesced record (same
/// <see cref="CoalesceKey"/>: the same player, kind, rule and window) counts its occurrences instead of repeating;
/// <see cref="SourceIds"/> holds the recent ids of the messages counted, so a redelivered message counts once.
/// </summary>
public sealed class AnomalyRecord
{
    public string Id { get; set; } = string.Empty;
    public string Kind { get; set; } = string.Empty;
    public string Rule { get; set; } = string.Empty;
    public string? Bound { get; set; }
    public string? Claimed { get; set; }
    public string Detail { get; set; } = string.Empty;
    public int Count { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset LastAt { get; set; }
    public string Source { get; set; } = string.Empty;
    public bool Reviewed { get; set; }
    public string? CoalesceKey { get; set; }
    public List<string> SourceIds { get; set; } = [];
}

/// <summary>A player's anomaly records (collection <c>player_anomalies</c>, one document per player), oldest first.</summary>
public sealed class AnomalyFile
{
    public Guid PlayerId { get; set; }
    public List<AnomalyRecord> Records { get; set; } = [];
    public DateTimeOffset LastAt { get; set; }
}

/// <summary>A player's ban (collection <c>player_bans</c>, one document per player: the latest ban, lifted or not).</summary>
public sealed class BanRecord
{
    public Guid PlayerId { get; set; }
    public string Reason { get; set; } = string.Empty;
    public Guid BannedBy { get; set; }
    public DateTimeOffset BannedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }
    public Guid? LiftedBy { get; set; }

    public bool ActiveAt(DateTimeOffset now) => LiftedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A candidate record from an observed event, before it is stored or coalesced.</summary>
public sealed record AnomalyObservation(
    Guid PlayerId,
    string Kind,
    string Rule,
    string? Bound,
    string? Claimed,
    string Detail,
    int Count,
    DateTimeOffset At,
    string Source,
    string SourceId,
    string? CoalesceKey);
