namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>
/// One anomaly record and its evidence: the kind, the rule broken, its bound and the claimed value (as text, since
/// they may be big numbers), the detail, how many times it was seen (coalesced records count), the first and last
/// time, the module or instance that observed it, and whether an admin reviewed it.
/// </summary>
public sealed record AnomalyView(
    string Id,
    string Kind,
    string Rule,
    string? Bound,
    string? Claimed,
    string Detail,
    int Count,
    DateTimeOffset At,
    DateTimeOffset LastAt,
    string Source,
    bool Reviewed);
