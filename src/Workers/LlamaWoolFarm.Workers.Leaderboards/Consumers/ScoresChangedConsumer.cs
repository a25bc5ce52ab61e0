using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Moves players on the boards, a batch of score changes at a time.</summary>
public sealed class ScoresChangedConsumer(LeaderboardService service) : IConsumer<Batch<ScoresChanged>>
{
    public Task Consume(ConsumeContext<Batch<ScoresChanged>> context) =>
        service.ApplyAsync(context.Message.Select(m => m.Message).ToList(), context, context.CancellationToken);
}
