using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Records a game refusal that indicates cheating (click bursts, forged ids) as an anomaly; ordinary refusals pass.</summary>
public sealed class ActionRejectedAnomalyConsumer(AnomalyService anomalies) : IConsumer<ActionRejected>
{
    public async Task Consume(ConsumeContext<ActionRejected> context)
    {
        if (AnomalyObservations.From(context.Message) is { } seen)
        {
            await anomalies.RecordAsync(seen, context.CancellationToken);
        }
    }
}
