using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>Answers the player's variant of an experiment, assigning (and recording the exposure) the first time.</summary>
public sealed class GetExperimentAssignmentConsumer(ExperimentService experiments) : IConsumer<GetExperimentAssignment>
{
    public async Task Consume(ConsumeContext<GetExperimentAssignment> context)
    {
        switch (await experiments.GetAssignmentAsync(context.Message, context.CancellationToken))
        {
            case ExperimentAssignment assignment:
                await context.RespondAsync(assignment);
                break;
            case ExperimentNotFound notFound:
                await context.RespondAsync(notFound);
                break;
        }
    }
}
