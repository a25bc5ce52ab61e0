namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>The limits of client analytics, shared by the gateway (which enforces them) and the analytics worker.</summary>
public static class AnalyticsLimits
{
    /// <summary>Events in one <c>POST analytics/events</c>.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>UTF-8 bytes of one event's <c>properties</c> object as JSON.</summary>
    public const int MaxPropertiesBytes = 2048;

    /// <summary>Keys in one event's <c>properties</c> object.</summary>
    public const int MaxPropertyCount = 32;

    /// <summary>How far ahead of the server clock an event's timestamp may be (client clocks drift).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How old an event may be (a client that was offline sends its backlog).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);
}
