using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway in memory with stubbed workers: request handlers on the test harness answer like the workers do,
/// and the harness records every command the gateway sends.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string SigningKeyForTests = "bGxhbWEtd29vbC1mYXJtLWdhdGV3YXktdGVzdHMtc2lnbmluZy1rZXktMDEyMzQ1Njc4OQ==";

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:SigningKey", SigningKeyForTests);
        builder.UseSetting("Storage:DataPath", TestServers.NewDataFolder());
        builder.ConfigureServices(services => services.AddMassTransitTestHarness(x =>
        {
            GatewayModule.AddBusClients(x);
            x.AddHandler<RegisterGuest>(context => context.RespondAsync(
                new GuestRegistered(DeterministicId(context.Message.DeviceId), context.Message.DeviceId, ["player"], Created: context.Message.DeviceId.EndsWith("-new", StringComparison.Ordinal))));
            x.AddHandler<GetGameState>(context => context.RespondAsync(new GameStateView(
                context.Message.PlayerId, 3, new Dictionary<string, string> { ["basic"] = "12.5" }, new Dictionary<string, string> { ["basic"] = "1" },
                new Dictionary<string, int>(), [], [], "12.5", "12.5", "0", 0, DateTimeOffset.UnixEpoch)));
        }));
    }

    public static Guid DeterministicId(string deviceId) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(deviceId)));
}
