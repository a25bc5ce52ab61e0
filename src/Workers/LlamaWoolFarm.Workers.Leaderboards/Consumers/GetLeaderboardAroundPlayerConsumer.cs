using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Answers the rows around a player.</summary>
public sealed class GetLeaderboardAroundPlayerConsumer(LeaderboardService service) : IConsumer<GetLeaderboardAroundPlayer>
{
    public async Task Consume(ConsumeContext<GetLeaderboardAroundPlayer> context) =>
        await context.RespondAsync(await service.GetAroundAsync(context.Message, context.CancellationToken));
}
