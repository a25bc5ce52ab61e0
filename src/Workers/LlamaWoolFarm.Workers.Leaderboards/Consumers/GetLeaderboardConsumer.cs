using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Answers a page of a board.</summary>
public sealed class GetLeaderboardConsumer(LeaderboardService service) : IConsumer<GetLeaderboard>
{
    public async Task Consume(ConsumeContext<GetLeaderboard> context) =>
        await context.RespondAsync(await service.GetPageAsync(context.Message, context.CancellationToken));
}
