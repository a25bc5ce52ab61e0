using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Analytics.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Consumers;

/// <summary>
/// Game states of one player update the same analytics record; a partitioner keyed by player keeps them in order
/// within a process while other players run in parallel.
/// </summary>
public sealed class AnalyticsGameEventsConsumerDefinition : ConsumerDefinition<AnalyticsGameEventsConsumer>
{
    private const int Partitions = 16;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AnalyticsGameEventsConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.BindViewOf<GameActivity, GameStateChanged>();
        var partitioner = endpointConfigurator.CreatePartitioner(Partitions);
        consumerConfigurator.Message<GameActivity>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
    }
}
