using MassTransit;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;

/// <summary>
/// Around a game command's consumer (outside its partitioner, so the wait for a player's earlier command counts as
/// in flight): counts it taken and finished for <see cref="CommandFlow"/>, and paces it when
/// <see cref="BackpressureOptions.ApplyRateLimit"/> caps the worker.
/// </summary>
public sealed class CommandFlowFilter<T>(CommandFlow flow, BackpressureOptions options) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        flow.Taken();
        try
        {
            if (options.ApplyRateLimit > 0)
            {
                await flow.PaceAsync(options.ApplyRateLimit, context.CancellationToken);
            }

            await next.Send(context);
        }
        finally
        {
            flow.Finished();
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commandFlow");
}
