namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>Telling a cancellation the caller asked for from one a dependency raised on its own.</summary>
public static class Cancellation
{
    /// <summary>
    /// True when <paramref name="exception"/> is a cancellation and <paramref name="token"/> was cancelled: the loop or
    /// request is stopping, so the exception should pass. A cancelled task nobody asked for (StackExchange.Redis ends a
    /// script call that way when its connection drops) is a fault of the dependency, handled like any other: let
    /// through, it stopped a background loop's host (<c>BackgroundServiceExceptionBehavior.StopHost</c>) or became a 500.
    /// </summary>
    public static bool IsCancellationOf(this Exception exception, CancellationToken token) =>
        exception is OperationCanceledException && token.IsCancellationRequested;
}
