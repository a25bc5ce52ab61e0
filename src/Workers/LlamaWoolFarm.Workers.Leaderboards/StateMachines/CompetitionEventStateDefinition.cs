using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.StateMachines;

/// <summary>One event's messages run one at a time; a version conflict of the instance is retried by the receive policy.</summary>
public sealed class CompetitionEventStateDefinition : SagaDefinition<CompetitionEventState>
{
    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<CompetitionEventState> sagaConfigurator,
        IRegistrationContext context)
    {
        var partitioner = endpointConfigurator.CreatePartitioner(8);
        sagaConfigurator.Message<Contracts.Events.CompetitionEventCreated>(m => m.UsePartitioner(partitioner, c => c.Message.EventId));
        sagaConfigurator.Message<Contracts.Events.StartCompetitionEvent>(m => m.UsePartitioner(partitioner, c => c.Message.EventId));
        sagaConfigurator.Message<Contracts.Events.EndCompetitionEvent>(m => m.UsePartitioner(partitioner, c => c.Message.EventId));
        sagaConfigurator.Message<Contracts.Events.CompetitionEventFinished>(m => m.UsePartitioner(partitioner, c => c.Message.EventId));
        sagaConfigurator.Message<Contracts.Events.EventRewardGranted>(m => m.UsePartitioner(partitioner, c => c.Message.EventId));
    }
}
