using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Records each rule a refused save upload broke as an anomaly.</summary>
public sealed class SaveRejectedAnomalyConsumer(AnomalyService anomalies) : IConsumer<SaveRejected>
{
    public async Task Consume(ConsumeContext<SaveRejected> context)
    {
        foreach (var seen in AnomalyObservations.From(context.Message))
        {
            await anomalies.RecordAsync(seen, context.CancellationToken);
        }
    }
}
