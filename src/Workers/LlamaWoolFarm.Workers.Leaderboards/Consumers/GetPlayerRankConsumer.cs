using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Answers a player's rank.</summary>
public sealed class GetPlayerRankConsumer(LeaderboardService service) : IConsumer<GetPlayerRank>
{
    public async Task Consume(ConsumeContext<GetPlayerRank> context) =>
        await context.RespondAsync(await service.GetRankAsync(context.Message, context.CancellationToken));
}
