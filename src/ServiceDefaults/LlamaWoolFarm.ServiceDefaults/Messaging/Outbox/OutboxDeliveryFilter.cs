using MassTransit;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// On every receive endpoint of a process with the outbox: once the consumer of a command delivered from the
/// outbox has finished (its events published by the in-memory outbox inside), the command leaves the outbox. A
/// consumer that throws leaves it there, for the scheduled redelivery or the next start — except for the faults the
/// receive policy sends straight to <c>_error</c> (every fault <see cref="TransientFaults"/> does not call transient),
/// which no retry can fix.
/// </summary>
public sealed class OutboxDeliveryFilter<T>(CommandOutbox outbox) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Headers.Get<string>(CommandOutbox.HeaderName) is not { Length: > 0 } id)
        {
            await next.Send(context);
            return;
        }

        try
        {
            await next.Send(context);
        }
        // The receive policy's own classification: a poison command must not come back at every start.
        catch (Exception e) when (!TransientFaults.IsTransient(e))
        {
            await outbox.CompleteAsync(id, Queues.Name<T>());
            throw;
        }

        await outbox.CompleteAsync(id, Queues.Name<T>());
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commandOutbox");
}
