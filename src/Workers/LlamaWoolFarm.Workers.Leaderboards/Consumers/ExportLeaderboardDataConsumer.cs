using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>The leaderboards module's part of an export: the player's ranks and event placings.</summary>
public sealed class ExportLeaderboardDataConsumer(LeaderboardDataService data) : IConsumer<ExportPlayerData>
{
    public async Task Consume(ConsumeContext<ExportPlayerData> context)
    {
        if (context.Message.Part == PlayerDataParts.Leaderboards)
        {
            await context.RespondAsync(new PlayerDataExport(context.Message.PlayerId, context.Message.Part, await data.ExportAsync(context.Message.PlayerId, context.CancellationToken)));
        }
    }
}
