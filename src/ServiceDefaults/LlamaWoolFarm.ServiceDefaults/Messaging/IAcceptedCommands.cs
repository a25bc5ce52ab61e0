namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>
/// How a process hands over a command it answers <c>202 Accepted</c> for. The returned task completes only once the
/// command can no longer be lost with this process: the host chooses how (the SQLite outbox in Standalone, broker
/// confirms on RabbitMQ), so endpoints send the same way in every mode.
/// </summary>
public interface IAcceptedCommands
{
    /// <summary>Sends <paramref name="command"/> to the queue of its consumer (<see cref="Queues.For{T}"/>), durably.</summary>
    Task SendAsync<T>(T command, CancellationToken cancellationToken)
        where T : class;
}
