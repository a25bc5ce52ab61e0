using System.Text.Json;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Notifications.Consumers;

/// <summary>The notifications module's part of an export: the player's notifications and read state.</summary>
public sealed class ExportNotificationDataConsumer(NotificationService notifications) : IConsumer<ExportPlayerData>
{
    public async Task Consume(ConsumeContext<ExportPlayerData> context)
    {
        var m = context.Message;
        if (m.Part == PlayerDataParts.Notifications)
        {
            var data = await notifications.ExportAsync(m.PlayerId, context.CancellationToken);
            await context.RespondAsync(new PlayerDataExport(m.PlayerId, m.Part, JsonSerializer.Serialize(data, DocumentJson.Options)));
        }
    }
}
