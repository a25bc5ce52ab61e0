using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Workers.Scheduler.Consumers;

/// <summary>Every scheduler consumer listens on the scheduler queue that clients send to (<c>Messaging:SchedulerQueue</c>).</summary>
public sealed class SchedulerConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public SchedulerConsumerDefinition(MessageSchedulerEndpoint endpoint)
    {
        EndpointName = endpoint.QueueName;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // A schedule must not wait on the scheduler itself: failures retry at once and then go to the _error queue.
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 1000));
    }
}
