using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Realtime.Presence;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Services;
using LlamaWoolFarm.Workers.Analytics;
using LlamaWoolFarm.Workers.Game;
using LlamaWoolFarm.Workers.Leaderboards;
using LlamaWoolFarm.Workers.Saves;
using LlamaWoolFarm.Workers.Scheduler;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// One unusable value per family of settings stops the host when it starts (the options pattern's start-up check),
/// with a message naming the setting; each family is registered as its module registers it.
/// </summary>
public sealed class SettingsAtStartTests
{
    private const string Influx = "http://127.0.0.1:8086/?db=lwf_settings_test";

    private static readonly Dictionary<string, Action<IHostApplicationBuilder>> Families = new(StringComparer.Ordinal)
    {
        ["documents"] = b => b.AddDocumentStore(),
        ["leaderboards"] = b => b.AddLeaderboardStore(),
        ["cache"] = b => b.AddCacheStore(),
        ["sessions"] = b => b.AddSessionStorage(),
        ["analytics-store"] = b => b.AddAnalyticsStorage(),
        ["analytics"] = b => AnalyticsWorker.AddServices(b),
        ["scheduler"] = b => SchedulerWorker.AddServices(b),
        ["outbox"] = b => b.Services.AddSettings<OutboxOptions>(OutboxOptions.SectionName),
        ["presence"] = b => b.Services.AddSettings<PresenceOptions>(PresenceOptions.SectionName),
        ["lockout"] = b => b.Services.AddSettings<LoginThrottleOptions>(LoginThrottleOptions.SectionName),
        ["accounts"] = b => b.Services.AddSettings<AccountDeletionOptions>(AccountDeletionOptions.SectionName),
        ["hashing"] = b => b.Services.AddSettings<PasswordHashingOptions>(PasswordHashingOptions.SectionName),
        ["top-pages"] = b => b.Services.AddSettings<TopPageCacheOptions>(TopPageCacheOptions.SectionName),
        ["season-close"] = b => b.Services.AddSettings<SeasonCloseOptions>(SeasonCloseOptions.SectionName),
        ["saves"] = b => b.Services.AddSettings<SavesOptions>(SavesOptions.SectionName),
        ["game"] = b => b.Services.AddSettings<GameOptions>(GameOptions.SectionName),
    };

    [Theory]
    [InlineData("documents", "Storage:DataPath", "Storage:DataPath", " ")]
    [InlineData("documents", "ConnectionStrings:mongo", "Storage:Mode", "Server")]
    [InlineData("documents", "ConnectionStrings:mongo", "Storage:Documents", "MongoDb")]
    [InlineData("leaderboards", "ConnectionStrings:redis", "Storage:Mode", "Server")]
    [InlineData("cache", "Cache:MaxValueBytes", "Cache:MaxValueBytes", "10")]
    [InlineData("sessions", "Storage:DataPath", "Storage:DataPath", "")]
    [InlineData("analytics-store", "Analytics:MaxBatchPoints", "Analytics:MaxBatchPoints", "0")]
    [InlineData("analytics-store", "ConnectionStrings:influx", "ConnectionStrings:influx", "http://127.0.0.1:8086/")]
    [InlineData("analytics", "Analytics:Experiments:Bad", "Analytics:Experiments:Bad:Variants:a", "1")]
    [InlineData("scheduler", "Scheduler:PollingInterval", "Scheduler:PollingInterval", "00:05:00")]
    [InlineData("scheduler", "Scheduler:DashboardPath", "Scheduler:DashboardPath", "hangfire")]
    [InlineData("scheduler", "ConnectionStrings:redis", "Storage:Mode", "Server")]
    [InlineData("outbox", "Outbox:RecoveryPage", "Outbox:RecoveryPage", "0")]
    [InlineData("presence", "Presence:MinHeartbeatInterval", "Presence:MinHeartbeatInterval", "00:10:00")]
    [InlineData("lockout", "Auth:Lockout:MaxFailuresPerAccount", "Auth:Lockout:MaxFailuresPerAccount", "1")]
    [InlineData("accounts", "Accounts:DeletionTimeout", "Accounts:DeletionTimeout", "00:00:01")]
    [InlineData("hashing", "Accounts:PasswordHashing:Iterations", "Accounts:PasswordHashing:Iterations", "0")]
    [InlineData("top-pages", "Leaderboards:TopPageCacheSeconds", "Leaderboards:TopPageCacheSeconds", "61")]
    [InlineData("season-close", "Leaderboards:SeasonClose:Cron", "Leaderboards:SeasonClose:Cron", "daily")]
    [InlineData("saves", "Saves:History:Keep", "Saves:History:Keep", "0")]
    [InlineData("game", "Game:HotStates", "Game:HotStates", "-1")]
    public async Task An_unusable_setting_stops_the_start_naming_it(string family, string named, string key, string value)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:DataPath"] = TestServers.NewDataFolder(),
            // Server-mode analytics goes to InfluxDB only with a connection string; the cases above override it.
            ["ConnectionStrings:influx"] = Influx,
        };
        if (family == "analytics-store")
        {
            settings["Storage:Mode"] = "Server";
            settings["Storage:Documents"] = "Sqlite";
        }

        settings[key] = value;

        await StartupSettings.AssertStopsNamingAsync(named, settings, Families[family]);
    }
}
