using Polly;
using Polly.Retry;

namespace LlamaWoolFarm.Storage.Documents;

/// <summary>
/// An optimistic write lost: a replace named a version someone else had already replaced, or an insert found its id
/// (or a unique value) taken by a concurrent writer. Thrown by an attempt run under <see cref="OptimisticRetry"/>,
/// which reads again and retries; when the attempts run out it reaches the message's own retry policy, which treats
/// it as transient like any other concurrency conflict.
/// </summary>
public sealed class DocumentConflictException : Exception
{
    public DocumentConflictException()
        : this("An optimistic write lost to a concurrent one.")
    {
    }

    public DocumentConflictException(string message)
        : base(message)
    {
    }

    public DocumentConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The one retry policy for optimistic-concurrency conflicts on the document store: an attempt reads, decides and
/// writes over the version it read, and throws <see cref="DocumentConflictException"/> when the write loses; the
/// whole attempt then runs again, at most <see cref="MaxAttempts"/> times in all, after an exponential backoff with
/// jitter from <see cref="BaseDelay"/> (about 10, 20, 40, 80 ms) so that writers that collided do not collide again
/// in step. Any other exception, and cancellation, passes through at once. When the attempts run out the last
/// conflict is thrown; consumers then fail the message, which their receive policy retries later.
/// </summary>
public static class OptimisticRetry
{
    /// <summary>Attempts in all (the first and four retries): a conflict that survives them is contention, not bad luck.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The first backoff; each further one doubles (with jitter).</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(10);

    private static readonly ResiliencePipeline Pipeline = Create(TimeProvider.System);

    /// <summary>Runs <paramref name="attempt"/> until it completes without a conflict, or the attempts run out.</summary>
    public static ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(attempt, cancellationToken);

    /// <summary>Runs <paramref name="attempt"/> until it completes without a conflict, or the attempts run out.</summary>
    public static ValueTask RunAsync(Func<CancellationToken, ValueTask> attempt, CancellationToken cancellationToken) =>
        Pipeline.ExecuteAsync(attempt, cancellationToken);

    /// <summary>The policy on a given clock (tests); <see cref="RunAsync{T}"/> uses the system clock.</summary>
    public static ResiliencePipeline Create(TimeProvider clock) => new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DocumentConflictException>(),
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = BaseDelay,
        })
        .Build();
}
