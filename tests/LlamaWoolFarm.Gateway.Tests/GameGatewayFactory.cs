using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>The gateway with the game worker's queries stubbed (config, offline) besides guest sign-in.</summary>
public sealed class GameGatewayFactory : WebApplicationFactory<Program>
{
    public const string CatalogJson = "{\"rulesVersion\":1,\"baseWoolType\":\"basic\",\"buildings\":[{\"id\":\"barn\",\"baseCost\":\"10\"}]}";

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:SigningKey", GatewayFactory.SigningKeyForTests);
        builder.UseSetting("Storage:DataPath", TestServers.NewDataFolder());
        builder.ConfigureServices(services => services.AddMassTransitTestHarness(x =>
        {
            GatewayModule.AddBusClients(x);
            x.AddHandler<RegisterGuest>(context => context.RespondAsync(
                new GuestRegistered(GatewayFactory.DeterministicId(context.Message.DeviceId), context.Message.DeviceId, ["player"], Created: false)));
            x.AddHandler<GetGameConfig>(context => context.RespondAsync(new GameConfig(1, CatalogJson)));
            // Odd players have 1 h of offline gains waiting, even ones nothing.
            x.AddHandler<GetOfflineProgress>(context => context.RespondAsync(context.Message.PlayerId.ToByteArray()[0] % 2 == 1
                ? new OfflineProgressView(context.Message.PlayerId, true, 3480, 3480, 0.8, new Dictionary<string, string> { ["basic"] = "2784" }, false, DateTimeOffset.UnixEpoch)
                : new OfflineProgressView(context.Message.PlayerId, false, 0, 0, 0, new Dictionary<string, string>(), false, DateTimeOffset.UnixEpoch)));
        }));
    }
}
