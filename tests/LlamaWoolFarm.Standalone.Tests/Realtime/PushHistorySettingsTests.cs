using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Storage.PushHistory;
using LlamaWoolFarm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Standalone.Tests.Realtime;

/// <summary>The <c>Realtime:History</c> settings are checked at start, and choose the store as the session data is chosen.</summary>
public sealed class PushHistorySettingsTests
{
    [Theory]
    [InlineData("Realtime:History:Length", "0")]
    [InlineData("Realtime:History:Length", "20000")]
    [InlineData("Realtime:History:Retention", "00:00:00")]
    [InlineData("Realtime:History:KeyPrefix", " ")]
    public async Task An_unusable_history_setting_stops_the_process_naming_it(string key, string value)
    {
        await StartupSettings.AssertStopsNamingAsync(key, new Dictionary<string, string?> { [key] = value }, b => b.AddPushHistory());
    }

    [Fact]
    public void Embedded_storage_keeps_the_history_in_a_SQLite_file_of_the_data_folder()
    {
        var data = TestServers.NewDataFolder();
        using var host = Build(new() { ["Storage:DataPath"] = data, ["Realtime:History:Length"] = "50" });

        Assert.IsType<SqlitePushHistoryStore>(host.Services.GetRequiredService<IPushHistoryStore>());
        Assert.Equal(50, host.Services.GetRequiredService<PushHistoryOptions>().Length);
        Assert.True(File.Exists(Path.Combine(data, "push-history.db")));
    }

    [Fact]
    public void Server_storage_with_Redis_keeps_the_history_in_Redis()
    {
        using var host = Build(new() { ["Storage:Mode"] = "Server", ["ConnectionStrings:redis"] = TestServers.Redis });

        Assert.IsType<RedisPushHistoryStore>(host.Services.GetRequiredService<IPushHistoryStore>());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(TestServers.Redis));
        builder.AddPushHistory();
        return builder.Build();
    }
}
