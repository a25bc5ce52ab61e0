using System.Text.Json;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>The accounts worker's parts of an export: the profile (no credentials) and the friends.</summary>
public sealed class ExportAccountDataConsumer(ProfileService profiles) : IConsumer<ExportPlayerData>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task Consume(ConsumeContext<ExportPlayerData> context)
    {
        var m = context.Message;
        object? data = m.Part switch
        {
            PlayerDataParts.Profile => await profiles.GetAsync(m.PlayerId, context.CancellationToken),
            PlayerDataParts.Friendships => await profiles.FriendsAsync(m.PlayerId, context.CancellationToken),
            _ => null,
        };
        if (data is not null)
        {
            // No account (deleted, or never made): the part is empty rather than a refusal.
            var json = data is AccountRefused ? "null" : JsonSerializer.Serialize(data, data.GetType(), Json);
            await context.RespondAsync(new PlayerDataExport(m.PlayerId, m.Part, json));
        }
    }
}
