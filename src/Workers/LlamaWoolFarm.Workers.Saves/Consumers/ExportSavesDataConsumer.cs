using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>The saves module's parts of an export: the saves with their history, and the backups list.</summary>
public sealed class ExportSavesDataConsumer(SavesDataService data) : IConsumer<ExportPlayerData>
{
    public async Task Consume(ConsumeContext<ExportPlayerData> context)
    {
        var m = context.Message;
        var json = m.Part switch
        {
            PlayerDataParts.Saves => await data.ExportSavesAsync(m.PlayerId, context.CancellationToken),
            PlayerDataParts.Backups => await data.ExportBackupsAsync(m.PlayerId, context.CancellationToken),
            _ => null,
        };
        if (json is not null)
        {
            await context.RespondAsync(new PlayerDataExport(m.PlayerId, m.Part, json));
        }
    }
}
