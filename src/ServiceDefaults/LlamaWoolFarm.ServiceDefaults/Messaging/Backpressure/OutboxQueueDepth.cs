using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;

/// <summary>
/// Queue depths in Standalone: commands recorded in the outbox (accepted) and not yet finished by their consumer,
/// counted by <see cref="CommandOutbox"/> per queue, less those this process's game worker holds (reported as in
/// flight). While the outbox holds delivery (maintenance) nothing is applied on purpose: no backlog is reported, so
/// commands are still accepted for after the upgrade.
/// </summary>
public sealed class OutboxQueueDepth(CommandOutbox outbox, CommandFlow flow, OutboxOptions options) : ICommandQueueDepth
{
    public Task<long?> WaitingAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        if (options.HoldDelivery)
        {
            return Task.FromResult<long?>(0);
        }

        var pending = queues.Sum(outbox.Pending);
        return Task.FromResult<long?>(Math.Max(0, pending - flow.InFlight));
    }
}
