namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>The time-series store did not answer a query or a delete; the caller may retry later.</summary>
public sealed class AnalyticsStoreUnavailableException : Exception
{
    public AnalyticsStoreUnavailableException()
    {
    }

    public AnalyticsStoreUnavailableException(string message)
        : base(message)
    {
    }

    public AnalyticsStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
