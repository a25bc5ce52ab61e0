using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Closes and archives the seasons that have ended (scheduled; repeating it changes nothing).</summary>
public sealed class CloseLeaderboardSeasonsConsumer(LeaderboardService service, TimeProvider clock) : IConsumer<CloseLeaderboardSeasons>
{
    public async Task Consume(ConsumeContext<CloseLeaderboardSeasons> context)
    {
        // A recurring schedule resends the body it stored, whose At is the time it was registered: close by the clock then.
        var at = context.Message.At > clock.GetUtcNow() ? context.Message.At : clock.GetUtcNow();
        foreach (var closed in await service.CloseSeasonsAsync(at, context.CancellationToken))
        {
            await context.Publish(closed, context.CancellationToken);
        }
    }
}
