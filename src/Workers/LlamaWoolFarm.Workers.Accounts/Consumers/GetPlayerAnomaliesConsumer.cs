using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Workers.Accounts.Moderation;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Answers a player's anomaly history.</summary>
public sealed class GetPlayerAnomaliesConsumer(AnomalyService anomalies) : IConsumer<GetPlayerAnomalies>
{
    public async Task Consume(ConsumeContext<GetPlayerAnomalies> context) =>
        await context.RespondAsync(await anomalies.HistoryAsync(context.Message.PlayerId, context.Message.Limit, context.CancellationToken));
}
