using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Consumers;

/// <summary>Creates an event (request from the admin API) and starts its saga.</summary>
public sealed class CreateCompetitionEventConsumer(CompetitionEventService service) : IConsumer<CreateCompetitionEvent>
{
    public async Task Consume(ConsumeContext<CreateCompetitionEvent> context)
    {
        var answer = await service.CreateAsync(context.Message, context.CancellationToken);
        if (answer is CompetitionEventView created)
        {
            // Repeated for a replayed command too: the saga ignores a second creation.
            await context.Publish(new CompetitionEventCreated(created.EventId, created.Type, created.StartsAt, created.EndsAt), context.CancellationToken);
        }

        await context.RespondAsync(answer);
    }
}
