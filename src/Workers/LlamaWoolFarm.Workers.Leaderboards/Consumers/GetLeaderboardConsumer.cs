using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>
/// Answers a page of a board. A page cut from the cached top rows says how much longer it may be served
/// (<see cref="LeaderboardHeaders.ReusableForMilliseconds"/>), so a gateway can keep it as ready bytes within the same bound.
/// </summary>
public sealed class GetLeaderboardConsumer(LeaderboardService service) : IConsumer<GetLeaderboard>
{
    public async Task Consume(ConsumeContext<GetLeaderboard> context)
    {
        var (answer, reusableFor) = await service.GetPageAnswerAsync(context.Message, context.CancellationToken);
        if (answer is LeaderboardPage page && reusableFor is { } left && left > TimeSpan.Zero)
        {
            await context.RespondAsync(page, send => send.Headers.Set(LeaderboardHeaders.ReusableForMilliseconds, (long)left.TotalMilliseconds));
            return;
        }

        await context.RespondAsync(answer);
    }
}
