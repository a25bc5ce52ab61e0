using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a page of players by anomaly score.</summary>
public sealed class GetAnomalyScoresConsumer(AnomalyService anomalies) : IConsumer<GetAnomalyScores>
{
    public async Task Consume(ConsumeContext<GetAnomalyScores> context) =>
        await context.RespondAsync(await anomalies.ScoresAsync(context.Message.Offset, context.Message.Limit, context.CancellationToken));
}
