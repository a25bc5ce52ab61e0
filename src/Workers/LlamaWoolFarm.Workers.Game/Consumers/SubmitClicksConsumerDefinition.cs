using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>
/// Game commands of one player conflict on the same state document; a partitioner keyed by player keeps one
/// player's commands in order within a process while other players run in parallel.
/// </summary>
public sealed class SubmitClicksConsumerDefinition : ConsumerDefinition<SubmitClicksConsumer>
{
    private const int Partitions = 32;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SubmitClicksConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var partitioner = endpointConfigurator.CreatePartitioner(Partitions);
        consumerConfigurator.Message<Contracts.Game.SubmitClicks>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
    }
}
