using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>The analytics module's part of an export: point counts per measurement, first sighting and experiment variants.</summary>
public sealed class ExportAnalyticsDataConsumer(AnalyticsDataService data) : IConsumer<ExportPlayerData>
{
    public async Task Consume(ConsumeContext<ExportPlayerData> context)
    {
        if (context.Message.Part == PlayerDataParts.Analytics)
        {
            await context.RespondAsync(new PlayerDataExport(context.Message.PlayerId, context.Message.Part, await data.ExportAsync(context.Message.PlayerId, context.CancellationToken)));
        }
    }
}
