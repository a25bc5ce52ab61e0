using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>The Standalone process (in-memory bus, SQLite) started as a user starts it, driven over HTTP and SignalR.</summary>
public sealed class StandaloneTests : IAsyncLifetime
{
    private ServiceProcess? _standalone;

    public async Task InitializeAsync() =>
        _standalone = await ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", new Dictionary<string, string>
        {
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
        });

    public async Task DisposeAsync()
    {
        if (_standalone is not null)
        {
            await _standalone.DisposeAsync();
        }
    }

    [Fact]
    public Task A_click_posted_over_HTTP_arrives_as_commandCompleted_on_the_players_connection() =>
        Scenarios.ClickArrivesAsPushAsync(_standalone!.BaseAddress, _standalone.BaseAddress, _standalone.Output);

    [Fact]
    public async Task The_web_client_page_is_served()
    {
        using var http = new HttpClient { BaseAddress = _standalone!.BaseAddress };

        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Llama Wool Farm", page, StringComparison.Ordinal);
    }
}
