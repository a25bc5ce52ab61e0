using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Closes and archives the seasons that have ended (scheduled; repeating it changes nothing).</summary>
public sealed class CloseLeaderboardSeasonsConsumer(LeaderboardService service) : IConsumer<CloseLeaderboardSeasons>
{
    public async Task Consume(ConsumeContext<CloseLeaderboardSeasons> context)
    {
        foreach (var closed in await service.CloseSeasonsAsync(context.Message.At, context.CancellationToken))
        {
            await context.Publish(closed, context.CancellationToken);
        }
    }
}
