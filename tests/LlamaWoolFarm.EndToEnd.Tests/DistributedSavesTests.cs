using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The saves module in its own process reaches the game state only through the game worker's messages, over the real
/// RabbitMQ: a download creates the farm in the game worker's process, an accepted upload is committed there.
/// </summary>
public sealed class DistributedSavesTests : IAsyncLifetime
{
    private DistributedProcesses _system = null!;

    public async Task InitializeAsync()
    {
        _system = await DistributedProcesses.CreateAsync();
        await _system.StartAsync(
            ("Workers", "LlamaWoolFarm.Workers.Host", _system.Workers("game,accounts")),
            ("Workers", "LlamaWoolFarm.Workers.Host", _system.Workers("saves")),
            ("Gateway", "LlamaWoolFarm.Gateway", _system.Common));
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_save_downloaded_and_uploaded_through_a_saves_process_is_committed_by_the_game_process()
    {
        await using var player = await PlayerClient.StartAsGuestAsync(_system.Processes[2].BaseAddress);
        var current = await player.GetDataAsync("/api/v1/saves/current");
        Assert.Equal(0, current.GetProperty("revision").GetInt64());
        var save = JsonNode.Parse(current.GetProperty("save").GetRawText())!.AsObject();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        // 10 clicks on top of the downloaded farm: well inside 20 per second since the download.
        save["woolCounts"]!["basic"] = "10";
        save["runWoolProduced"] = "10";
        save["lifetimeWoolProduced"] = "10";

        using var upload = await player.Http.PutAsJsonAsync("/api/v1/saves/current", new { baseRevision = 0, save });
        var body = await upload.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(upload.StatusCode == HttpStatusCode.OK, body + Environment.NewLine + _system.Output);
        Assert.Equal(1, body.GetProperty("data").GetProperty("revision").GetInt64());
        var after = await player.GetDataAsync("/api/v1/saves/current");
        Assert.Equal(1, after.GetProperty("revision").GetInt64());
        // The game worker's state is the uploaded one (materialized since: at least the 10 clicked).
        var state = await player.GetDataAsync("/api/v1/game/state");
        Assert.True(double.Parse(state.GetProperty("lifetimeWoolProduced").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 10);
    }
}
