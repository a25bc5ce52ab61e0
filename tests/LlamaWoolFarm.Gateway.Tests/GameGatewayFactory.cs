using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>The gateway with the game worker's queries stubbed (config, offline) besides guest sign-in.</summary>
public sealed class GameGatewayFactory : GatewayFactory
{
    public const string CatalogJson = "{\"rulesVersion\":1,\"baseWoolType\":\"basic\",\"buildings\":[{\"id\":\"barn\",\"baseCost\":\"10\"}]}";

    public GameGatewayFactory() => WithGuestSignIn().WithBus(x =>
    {
        x.AddHandler<GetGameConfig>(context => context.RespondAsync(new GameConfig(1, CatalogJson)));
        // Odd players have 1 h of offline gains waiting, even ones nothing.
        x.AddHandler<GetOfflineProgress>(context => context.RespondAsync(context.Message.PlayerId.ToByteArray()[0] % 2 == 1
            ? new OfflineProgressView(context.Message.PlayerId, true, 3480, 3480, 0.8, new Dictionary<string, string> { ["basic"] = "2784" }, false, DateTimeOffset.UnixEpoch)
            : new OfflineProgressView(context.Message.PlayerId, false, 0, 0, 0, new Dictionary<string, string>(), false, DateTimeOffset.UnixEpoch)));
    });
}
