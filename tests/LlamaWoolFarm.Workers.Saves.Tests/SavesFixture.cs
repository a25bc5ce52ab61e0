using System.Text.Json.Nodes;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Saves.Tests;

/// <summary>The saves module on a fresh test harness, SQLite store and manual clock.</summary>
public sealed class SavesFixture : WorkerFixture
{
    private SavesFixture(ServiceProvider provider)
        : base(provider)
    {
    }

    public SaveSyncService Sync => Provider.GetRequiredService<SaveSyncService>();

    public BackupService Backups => Provider.GetRequiredService<BackupService>();

    public SaveRepository Repository => Provider.GetRequiredService<SaveRepository>();

    public IDocumentStore Store => Provider.GetRequiredService<IDocumentStore>();

    public static async Task<SavesFixture> StartAsync(SavesOptions? options = null, Action<IBusRegistrationConfigurator>? bus = null) =>
        new(await TestBus.StartAsync(
            s =>
            {
                if (options is not null)
                {
                    s.AddSingleton(options);
                }

                SavesWorker.AddCore(s);
            },
            x =>
            {
                SavesWorker.AddConsumers(x);
                bus?.Invoke(x);
            }));

    /// <summary>Downloads the current save (creating the player's base state at the clock's time).</summary>
    public async Task<CurrentSave> CurrentAsync(Guid player) => await Sync.GetCurrentAsync(player, CancellationToken.None);

    public async Task<PlayerState> StateAsync(Guid player) =>
        (await Repository.GameStates.GetAsync(SaveRepository.Key(player)))!.Document.State;

    /// <summary>An honest save: the downloaded one with <paramref name="clicks"/> basic wool clicked on top.</summary>
    public static JsonObject Played(CurrentSave current, int clicks)
    {
        var save = JsonNode.Parse(current.Save)!.AsObject();
        var basic = BigNumber.Parse(save["woolCounts"]!["basic"]!.GetValue<string>()) + BigNumber.FromDouble(clicks);
        var run = BigNumber.Parse(save["runWoolProduced"]!.GetValue<string>()) + BigNumber.FromDouble(clicks);
        var lifetime = BigNumber.Parse(save["lifetimeWoolProduced"]!.GetValue<string>()) + BigNumber.FromDouble(clicks);
        save["woolCounts"]!["basic"] = basic.ToString();
        save["runWoolProduced"] = run.ToString();
        save["lifetimeWoolProduced"] = lifetime.ToString();
        return save;
    }

    public static UploadSave Upload(Guid player, long baseRevision, JsonObject save, string? checksum = null, string? keep = null, Guid? commandId = null) =>
        new(commandId ?? Guid.NewGuid(), player, "req", baseRevision, save.ToJsonString(), checksum, keep);

    public Task<UploadResult> SendAsync(UploadSave upload) => Sync.UploadAsync(upload, CancellationToken.None);

    public static string Basic(PlayerState state) => state.GetWool("basic").ToString();

    public static string Checksum(JsonObject save) => SaveChecksum.Compute(save);
}
