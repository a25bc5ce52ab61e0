using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Answers the catalog the game worker plays by, the single source of GET game/config.</summary>
public sealed class GetGameConfigConsumer : IConsumer<GetGameConfig>
{
    private static readonly GameConfig Config = GameViews.Config(GameEngine.V1);

    public Task Consume(ConsumeContext<GetGameConfig> context) => context.RespondAsync(Config);
}
