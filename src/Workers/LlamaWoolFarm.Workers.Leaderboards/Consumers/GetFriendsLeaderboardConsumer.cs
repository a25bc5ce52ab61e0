using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Answers the board of a player and their friends.</summary>
public sealed class GetFriendsLeaderboardConsumer(LeaderboardService service) : IConsumer<GetFriendsLeaderboard>
{
    public async Task Consume(ConsumeContext<GetFriendsLeaderboard> context) =>
        await context.RespondAsync(await service.GetFriendsAsync(context.Message, context.CancellationToken));
}
