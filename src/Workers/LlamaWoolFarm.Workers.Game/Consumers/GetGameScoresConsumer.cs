using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Answers a page of stored players' scores (the leaderboards' rebuild).</summary>
public sealed class GetGameScoresConsumer(GameScoresService service) : IConsumer<GetGameScores>
{
    public async Task Consume(ConsumeContext<GetGameScores> context) =>
        await context.RespondAsync(await service.GetPageAsync(context.Message, context.CancellationToken));
}
