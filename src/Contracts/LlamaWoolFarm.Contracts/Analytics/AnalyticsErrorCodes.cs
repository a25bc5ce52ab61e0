namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>The stable error codes of analytics. Clients switch on these; never rename one.</summary>
public static class AnalyticsErrorCodes
{
    /// <summary>More than <see cref="AnalyticsLimits.MaxBatchSize"/> events in one request.</summary>
    public const string BatchTooLarge = "ANALYTICS_BATCH_TOO_LARGE";

    /// <summary>No events in the request.</summary>
    public const string BatchEmpty = "ANALYTICS_BATCH_EMPTY";

    /// <summary>Every event of the batch was refused (the details list each one).</summary>
    public const string NoValidEvents = "ANALYTICS_NO_VALID_EVENTS";

    /// <summary>An event name that is not in the catalog.</summary>
    public const string UnknownEvent = "UNKNOWN_EVENT";

    /// <summary>An event that is not an object with a name and a timestamp, or whose properties are not an object.</summary>
    public const string InvalidEvent = "INVALID_EVENT";

    /// <summary>A timestamp more than <see cref="AnalyticsLimits.MaxClockSkew"/> ahead of the server.</summary>
    public const string TimestampInFuture = "EVENT_TIMESTAMP_IN_FUTURE";

    /// <summary>A timestamp older than <see cref="AnalyticsLimits.MaxAge"/>.</summary>
    public const string TimestampTooOld = "EVENT_TIMESTAMP_TOO_OLD";

    /// <summary>Properties larger than <see cref="AnalyticsLimits.MaxPropertiesBytes"/> or with too many keys.</summary>
    public const string PropertiesTooLarge = "EVENT_PROPERTIES_TOO_LARGE";

    /// <summary>An experiment id that is not 1–64 lower-case letters, digits, '-' or '_'.</summary>
    public const string InvalidExperimentId = "ANALYTICS_INVALID_EXPERIMENT_ID";

    /// <summary>No running experiment has this id.</summary>
    public const string ExperimentNotFound = "EXPERIMENT_NOT_FOUND";

    /// <summary>A metric name that is not one of <see cref="AnalyticsMetricNames.All"/>.</summary>
    public const string UnknownMetric = "ANALYTICS_UNKNOWN_METRIC";

    /// <summary>Missing or malformed <c>from</c>/<c>to</c>, <c>from</c> not before <c>to</c>, or a range over the limit.</summary>
    public const string InvalidRange = "ANALYTICS_INVALID_RANGE";

    /// <summary>A window that is not a whole number of minutes, hours or days within the limits.</summary>
    public const string InvalidWindow = "ANALYTICS_INVALID_WINDOW";

    /// <summary>The range holds more buckets of the window than one answer may.</summary>
    public const string TooManyBuckets = "ANALYTICS_TOO_MANY_BUCKETS";

    /// <summary>The time-series store did not answer; retry later.</summary>
    public const string StoreUnavailable = "ANALYTICS_UNAVAILABLE";
}
