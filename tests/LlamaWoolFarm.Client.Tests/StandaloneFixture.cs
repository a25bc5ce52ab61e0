using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Client.Tests;

/// <summary>
/// One Standalone process (from its build output, on a fresh data folder) for the whole suite, with a
/// <see cref="TcpProxy"/> in front for the tests that break the network, and an admin email for the maintenance test.
/// </summary>
public sealed class StandaloneFixture : IAsyncLifetime
{
    public const string AdminEmail = "sdk-ops@example.org";

    private ServiceProcess? _standalone;
    private TcpProxy? _proxy;

    public Uri Address => (_standalone ?? throw new InvalidOperationException("Not started.")).BaseAddress;

    public TcpProxy Proxy => _proxy ?? throw new InvalidOperationException("Not started.");

    public string Output => _standalone?.Output ?? string.Empty;

    public async Task InitializeAsync()
    {
        _standalone = await ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", new Dictionary<string, string>
        {
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
            ["RateLimits__PerPlayer"] = "100000",
            ["RateLimits__Auth"] = "1000",
            ["Accounts__AdminEmails"] = AdminEmail,
        });
        _proxy = new TcpProxy(_standalone.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_standalone is not null)
        {
            await _standalone.DisposeAsync();
        }
    }

    /// <summary>A client straight to the Standalone, with short reconnect delays so tests do not wait 30 s.</summary>
    public LlamaWoolFarmClient NewClient(Uri? through = null) => new(new LlamaWoolFarmClientOptions
    {
        BaseAddress = through ?? Address,
        ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)],
        InitialBackoff = TimeSpan.FromMilliseconds(100),
    });

    public static string NewDeviceId() => "sdk-test-" + Guid.NewGuid().ToString("N");
}

[CollectionDefinition(Name)]
public sealed class StandaloneCollection : ICollectionFixture<StandaloneFixture>
{
    public const string Name = "Standalone for the SDK";
}
