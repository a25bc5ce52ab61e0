using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>The game worker's part of an export: the stored game state and command outcomes.</summary>
public sealed class ExportGameDataConsumer(GameDataService data) : IConsumer<ExportPlayerData>
{
    public async Task Consume(ConsumeContext<ExportPlayerData> context)
    {
        if (context.Message.Part == PlayerDataParts.Game)
        {
            await context.RespondAsync(new PlayerDataExport(context.Message.PlayerId, context.Message.Part, await data.ExportAsync(context.Message.PlayerId, context.CancellationToken)));
        }
    }
}
