namespace LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;

/// <summary>How many commands wait in queues, not yet taken by any consumer; the host's transport decides how to tell.</summary>
public interface ICommandQueueDepth
{
    /// <summary>
    /// The commands waiting in <paramref name="queues"/> (queue names, <see cref="Queues.Name{T}"/>); null when it
    /// cannot be told right now (the broker is unreachable), so no backlog is reported rather than a wrong one.
    /// </summary>
    Task<long?> WaitingAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken);
}

/// <summary>The in-memory bus without an outbox (test harnesses): its queues cannot be read, so only in-flight commands count.</summary>
public sealed class UnknownQueueDepth : ICommandQueueDepth
{
    public Task<long?> WaitingAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken) => Task.FromResult<long?>(0);
}
