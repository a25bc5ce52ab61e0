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
    private readonly List<ServiceProcess> _processes = [];

    // Queues are named by message type: on the broker's default virtual host another test's game worker (with its
    // own store) would take this test's requests.
    private RabbitVirtualHost? _vhost;

    public async Task InitializeAsync()
    {
        _vhost = await RabbitVirtualHost.CreateAsync();
        Assert.True(_vhost.Isolated, "The RabbitMQ management API is needed for a virtual host of this test's own.");
        var common = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "RabbitMq",
            ["ConnectionStrings__rabbitmq"] = _vhost.ConnectionString,
            ["ConnectionStrings__redis"] = TestServers.Redis,
            ["Auth__SigningKey"] = TestServers.NewSigningKey(),
            ["Storage__Mode"] = "Server",
            ["RateLimits__KeyPrefix"] = $"lwf-test:rl:{Guid.NewGuid():N}:",
        };
        var data = TestServers.NewDataFolder();
        Dictionary<string, string> Workers(string modules) => new(common)
        {
            ["Storage__Documents"] = "Sqlite",
            ["Storage__DataPath"] = data,
            ["Workers__Enabled"] = modules,
        };

        _processes.AddRange(await Task.WhenAll(
            ServiceProcess.StartAsync("Workers", "LlamaWoolFarm.Workers.Host", Workers("game,accounts")),
            ServiceProcess.StartAsync("Workers", "LlamaWoolFarm.Workers.Host", Workers("saves")),
            ServiceProcess.StartAsync("Gateway", "LlamaWoolFarm.Gateway", common)));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_vhost is not null)
        {
            await _vhost.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_save_downloaded_and_uploaded_through_a_saves_process_is_committed_by_the_game_process()
    {
        await using var player = await PlayerClient.StartAsGuestAsync(_processes[2].BaseAddress);
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

        Assert.True(upload.StatusCode == HttpStatusCode.OK, body + Environment.NewLine + string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name}{Environment.NewLine}{p.Output}")));
        Assert.Equal(1, body.GetProperty("data").GetProperty("revision").GetInt64());
        var after = await player.GetDataAsync("/api/v1/saves/current");
        Assert.Equal(1, after.GetProperty("revision").GetInt64());
        // The game worker's state is the uploaded one (materialized since: at least the 10 clicked).
        var state = await player.GetDataAsync("/api/v1/game/state");
        Assert.True(double.Parse(state.GetProperty("lifetimeWoolProduced").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 10);
    }
}
