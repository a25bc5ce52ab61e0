namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>
/// What analytics keeps per player (collection <c>analytics_players</c>): when it first saw the player (the
/// retention cohort) and the last lifetime wool it saw, so wool produced is the difference between game states.
/// </summary>
public sealed class AnalyticsPlayer
{
    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>The game-state revision of <see cref="LifetimeWool"/>; 0 before the first state.</summary>
    public long WoolRevision { get; set; }

    /// <summary>Lifetime wool produced at <see cref="WoolRevision"/> (big-number string).</summary>
    public string LifetimeWool { get; set; } = "0";
}

/// <summary>A player's variant of an experiment (collection <c>analytics_assignments</c>), kept so it stays the same.</summary>
public sealed class StoredAssignment
{
    public string Variant { get; set; } = string.Empty;

    public DateTimeOffset AssignedAt { get; set; }
}
