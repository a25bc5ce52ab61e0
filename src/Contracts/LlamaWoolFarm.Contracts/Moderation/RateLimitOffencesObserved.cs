namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>
/// A gateway instance refused <c>Count</c> requests of a player with 429 in the offence window starting at
/// <c>WindowStart</c> (windows are aligned to the clock, so every instance names the same one). Published once per
/// player and window by each instance that refused some, never per request; <c>Source</c> names the instance.
/// </summary>
public sealed record RateLimitOffencesObserved(
    Guid PlayerId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Count,
    string Rule,
    int Bound,
    string Source);
