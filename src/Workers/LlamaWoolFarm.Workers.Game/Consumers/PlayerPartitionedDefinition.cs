using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>
/// Game commands of one player conflict on the same state document; a partitioner keyed by player keeps one
/// player's commands in order within a process while other players run in parallel.
/// </summary>
public abstract class PlayerPartitionedDefinition<TConsumer, TMessage> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TMessage>
    where TMessage : class
{
    private const int Partitions = 32;

    protected abstract Guid PlayerOf(TMessage message);

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var partitioner = endpointConfigurator.CreatePartitioner(Partitions);
        consumerConfigurator.Message<TMessage>(m => m.UsePartitioner(partitioner, c => PlayerOf(c.Message)));
    }
}
