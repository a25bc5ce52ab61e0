using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Answers the running and upcoming events.</summary>
public sealed class GetActiveEventsConsumer(CompetitionEventService service) : IConsumer<GetActiveEvents>
{
    public async Task Consume(ConsumeContext<GetActiveEvents> context) =>
        await context.RespondAsync(await service.GetActiveAsync(context.CancellationToken));
}
