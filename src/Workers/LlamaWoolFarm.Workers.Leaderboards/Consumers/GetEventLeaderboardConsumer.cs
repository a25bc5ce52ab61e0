using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Answers a page of an event's board.</summary>
public sealed class GetEventLeaderboardConsumer(CompetitionEventService service) : IConsumer<GetEventLeaderboard>
{
    public async Task Consume(ConsumeContext<GetEventLeaderboard> context) =>
        await context.RespondAsync(await service.GetLeaderboardAsync(context.Message, context.CancellationToken));
}
