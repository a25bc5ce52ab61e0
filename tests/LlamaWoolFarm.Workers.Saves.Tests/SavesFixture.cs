using System.Text.Json.Nodes;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Consumers;
using LlamaWoolFarm.Workers.Game.Services;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Saves.Tests;

/// <summary>
/// The saves module on a fresh test harness, SQLite store and manual clock, with the game worker's side of save sync
/// (the owner of the game states the saves module reads and has replaced over the bus).
/// </summary>
public sealed class SavesFixture : WorkerFixture
{
    private SavesFixture(ServiceProvider provider)
        : base(provider)
    {
    }

    public SaveSyncService Sync => Provider.GetRequiredService<SaveSyncService>();

    public BackupService Backups => Provider.GetRequiredService<BackupService>();

    /// <summary>The export of backups to the object store (registered by tests that give one).</summary>
    public LlamaWoolFarm.Workers.Saves.ObjectStore.BackupExports Exports => Provider.GetRequiredService<LlamaWoolFarm.Workers.Saves.ObjectStore.BackupExports>();

    public SaveRepository Repository => Provider.GetRequiredService<SaveRepository>();

    public IDocumentStore Store => Provider.GetRequiredService<IDocumentStore>();

    /// <summary>The saves module's way to the game states (requests to the game worker).</summary>
    public IGameStates GameStates => Provider.GetRequiredService<IGameStates>();

    public static async Task<SavesFixture> StartAsync(SavesOptions? options = null, Action<IBusRegistrationConfigurator>? bus = null, Action<IServiceCollection>? services = null) =>
        new(await TestBus.StartAsync(
            s =>
            {
                if (options is not null)
                {
                    s.AddSingleton(options);
                }

                services?.Invoke(s);

                SavesWorker.AddCore(s);
                s.AddSingleton<SaveStateService>();
            },
            x =>
            {
                SavesWorker.AddConsumers(x);
                x.AddConsumer<GetGameStateForSaveConsumer>();
                x.AddConsumer<ReplaceGameStateFromSaveConsumer>();
                bus?.Invoke(x);
            }));

    /// <summary>Downloads the current save (creating the player's base state at the clock's time).</summary>
    public async Task<CurrentSave> CurrentAsync(Guid player) => await Sync.GetCurrentAsync(player, CancellationToken.None);

    /// <summary>The player's stored game state, as the game worker answers it.</summary>
    public async Task<PlayerState> StateAsync(Guid player) =>
        (await GameStates.ReadAsync(player, create: false, CancellationToken.None))!.State;

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

    /// <summary>Sends the upload as the gateway does: a request over the test bus to the saves worker's consumer.</summary>
    public async Task<UploadResult> RequestAsync(UploadSave upload)
    {
        var response = await Harness.GetRequestClient<UploadSave>().GetResponse<SaveAccepted, SaveRejected, SaveConflictResolved>(upload);
        return response.Message switch
        {
            SaveAccepted accepted => UploadResult.Of(accepted),
            SaveRejected rejected => UploadResult.Of(rejected),
            SaveConflictResolved conflict => UploadResult.Of(conflict),
            _ => throw new InvalidOperationException($"Unexpected answer {response.Message.GetType().Name}."),
        };
    }

    /// <summary>Publishes an event's start and polls to a deadline until the saves worker consumed it.</summary>
    public async Task StartEventAsync(CompetitionEventStarted started)
    {
        var before = Harness.Consumed.Select<CompetitionEventStarted>().Count();
        await Harness.Bus.Publish(started);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Harness.Consumed.Select<CompetitionEventStarted>().Count() <= before)
        {
            await Task.Delay(10, timeout.Token);
        }

        await Harness.InactivityTask;
    }

    /// <summary>
    /// Seeds the player's game state as the game worker would have left it, before any download: the game worker's
    /// service writes it over the farm it creates (save revision 0, so no upload is recorded).
    /// </summary>
    public async Task SeedAsync(Guid player, PlayerState state)
    {
        var game = Provider.GetRequiredService<SaveStateService>();
        var created = await game.GetAsync(new GetGameStateForSave(player, Create: true), CancellationToken.None);
        var answer = await game.ReplaceAsync(new ReplaceGameStateFromSave(Guid.Empty, player, created.Version, PlayerStateJson.Serialize(state), 0), CancellationToken.None);
        Assert.IsType<GameStateReplaced>(answer);
    }

    /// <summary>The stored game state and head revision as JSON, to show that a refused upload changed nothing.</summary>
    public async Task<string> SnapshotAsync(Guid player)
    {
        var state = (await GameStates.ReadAsync(player, create: false, CancellationToken.None))!;
        var head = await Repository.Heads.GetAsync(SaveRepository.Key(player));
        return $"{head?.Document.Revision}:{state.Version}:{System.Text.Json.JsonSerializer.Serialize(state.State, SaveJson.Options)}";
    }

    public static string Basic(PlayerState state) => state.GetWool("basic").ToString();

    public static string Checksum(JsonObject save) => SaveChecksum.Compute(save);
}
