using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Ranks an ended event, sends its rewards and notices, archives it, and tells the saga.</summary>
public sealed class FinalizeCompetitionEventConsumer(CompetitionEventService service) : IConsumer<FinalizeCompetitionEvent>
{
    public async Task Consume(ConsumeContext<FinalizeCompetitionEvent> context)
    {
        if (await service.FinalizeAsync(context.Message.EventId, context, context, context.CancellationToken) is { } finished)
        {
            await context.Publish(finished, context.CancellationToken);
        }
    }
}
