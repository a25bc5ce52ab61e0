using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Adds a gateway instance's 429 count for a player and window to that window's one record.</summary>
public sealed class RateLimitOffencesObservedConsumer(AnomalyService anomalies) : IConsumer<RateLimitOffencesObserved>
{
    public Task Consume(ConsumeContext<RateLimitOffencesObserved> context) =>
        anomalies.RecordAsync(AnomalyObservations.From(context.Message), context.CancellationToken);
}
