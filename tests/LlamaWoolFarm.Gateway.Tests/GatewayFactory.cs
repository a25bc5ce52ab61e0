using System.Net.Http.Headers;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts;
using LlamaWoolFarm.Workers.Accounts.Services;
using LlamaWoolFarm.Workers.Notifications;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway in memory on the MassTransit test harness, which records every message it sends. Each test class
/// composes what its area needs: settings, stubbed workers (harness handlers that answer like the workers do), real
/// worker modules over a SQLite store, a manual clock. Compose before the first client: the host is built once.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>
{
    public const string SigningKeyForTests = "bGxhbWEtd29vbC1mYXJtLWdhdGV3YXktdGVzdHMtc2lnbmluZy1rZXktMDEyMzQ1Njc4OQ==";

    private readonly Dictionary<string, string> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<IBusRegistrationConfigurator>> _bus = [];
    private ManualClock? _clock;

    public GatewayFactory()
    {
        WithSetting("Auth:SigningKey", SigningKeyForTests);
        WithSetting("Storage:DataPath", DataPath);
    }

    /// <summary>This gateway's own data folder (sessions, idempotency records, the SQLite store when asked).</summary>
    public string DataPath { get; } = TestServers.NewDataFolder();

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    public ManualClock Clock => _clock ?? throw new InvalidOperationException("This gateway runs on the real clock; compose it WithManualClock().");

    public static Guid DeterministicId(string deviceId) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(deviceId)));

    public GatewayFactory WithSetting(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Services added after the gateway's own, so they replace them.</summary>
    public GatewayFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Stub handlers, consumers or bus settings on the harness, after the gateway's request clients.</summary>
    public GatewayFactory WithBus(Action<IBusRegistrationConfigurator> configure)
    {
        _bus.Add(configure);
        return this;
    }

    /// <summary>A manual clock that starts at the real time, so issued tokens pass the bearer handler's own lifetime check.</summary>
    public GatewayFactory WithManualClock()
    {
        var clock = _clock = new ManualClock(DateTimeOffset.UtcNow);
        return WithServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
    }

    /// <summary>Limits no test reaches, for classes that sign many players in from one address.</summary>
    public GatewayFactory WithLooseRateLimits() => WithSetting("RateLimits:Auth", "10000")
        .WithSetting("RateLimits:PerPlayer", "10000")
        .WithSetting("RateLimits:PerAddress", "10000");

    /// <summary>A SQLite document store in the data folder, for the real worker modules.</summary>
    public GatewayFactory WithDocumentStore() =>
        WithServices(services => services.AddSingleton<IDocumentStore>(new SqliteDocumentStore(Path.Combine(DataPath, "documents.db"))));

    /// <summary>The accounts stub for guest sign-in: a device id ending in <c>-new</c> creates its player.</summary>
    public GatewayFactory WithGuestSignIn() => WithBus(x => x.AddHandler<RegisterGuest>(context => context.RespondAsync(
        new GuestRegistered(DeterministicId(context.Message.DeviceId), context.Message.DeviceId, ["player"], Created: context.Message.DeviceId.EndsWith("-new", StringComparison.Ordinal)))));

    /// <summary>The real accounts worker (cheap Argon2 parameters, data protection keys in the data folder).</summary>
    public GatewayFactory WithAccountsWorker() => WithDocumentStore()
        .WithServices(services =>
        {
            AccountsWorker.AddAccountServices(services, new PasswordHashingOptions { MemoryKib = 256, Iterations = 1, Parallelism = 1 });
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataPath, "keys")));
        })
        .WithBus(AccountsWorker.AddConsumers);

    /// <summary>The real notifications worker.</summary>
    public GatewayFactory WithNotificationsWorker() => WithDocumentStore()
        .WithServices(services => NotificationsWorker.AddCore(services))
        .WithBus(NotificationsWorker.AddConsumers);

    /// <summary>
    /// A client with a fresh player's token from the gateway's own issuer (with the admin role when asked): signing in
    /// through the auth routes for every test would run into the sign-in rate limit.
    /// </summary>
    public (HttpClient Client, Guid PlayerId) Player(bool admin = false)
    {
        var playerId = Guid.NewGuid();
        var token = Services.GetRequiredService<AccessTokenIssuer>().Issue(playerId, admin ? ["player", "admin"] : ["player"]);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return (client, playerId);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }

            services.AddMassTransitTestHarness(x =>
            {
                GatewayModule.AddBusClients(x);
                foreach (var configure in _bus)
                {
                    configure(x);
                }
            });
        });
    }
}

/// <summary>The gateway with stubbed guest sign-in and game state, for authentication, route and game action tests.</summary>
public sealed class GuestGatewayFactory : GatewayFactory
{
    public GuestGatewayFactory() => WithGuestSignIn().WithBus(x => x.AddHandler<GetGameState>(context => context.RespondAsync(new GameStateView(
        context.Message.PlayerId, 3, new Dictionary<string, string> { ["basic"] = "12.5" }, new Dictionary<string, string> { ["basic"] = "1" },
        new Dictionary<string, int>(), [], [], "12.5", "12.5", "0", 0, DateTimeOffset.UnixEpoch))));
}
