using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>The saves module's parts of a purge: <c>saves</c> (head, history, marks, refused uploads) and <c>backups</c>.</summary>
public sealed class PurgeSavesDataConsumer(SavesDataService data, TimeProvider clock) : IConsumer<PurgePlayerData>
{
    public async Task Consume(ConsumeContext<PurgePlayerData> context)
    {
        var m = context.Message;
        long? removed = m.Part switch
        {
            PlayerDataParts.Saves => await data.PurgeSavesAsync(m.PlayerId, context.CancellationToken),
            PlayerDataParts.Backups => await data.PurgeBackupsAsync(m.PlayerId, context.CancellationToken),
            _ => null,
        };
        if (removed is { } count)
        {
            await context.Publish(new PlayerDataPurged(m.PlayerId, m.DeletionId, m.Part, count, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}
