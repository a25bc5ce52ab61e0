using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// True for the commands the gateway accepts with 202 (clicks, purchases, prestige, offline claims): their flow
    /// is counted for backpressure (<see cref="CommandFlow"/>), and <c>Backpressure:ApplyRateLimit</c> paces them.
    /// </summary>
    protected virtual bool AcceptedCommand => false;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // On RabbitMQ a message fetched beyond the concurrency limit is unacknowledged but not yet in the pipeline:
        // neither in the queue's ready count nor counted in flight, so backpressure could not see it. An accepted
        // command's queue fetches no more than it runs (on loopback the ack-to-next-delivery trip is far shorter than
        // a command, so the pipeline stays full).
        if (AcceptedCommand && context.GetService<MessagingOptions>() is { Transport: TransportKind.RabbitMq } messaging)
        {
            endpointConfigurator.PrefetchCount = Math.Min(messaging.PrefetchCount, messaging.ConcurrentMessageLimit);
        }

        var partitioner = endpointConfigurator.CreatePartitioner(Partitions);
        consumerConfigurator.Message<TMessage>(m =>
        {
            // Outside the partitioner: a command waiting for the player's previous one is already taken, in flight.
            if (AcceptedCommand && context.GetService<CommandFlow>() is { } flow)
            {
                m.UseFilter(new CommandFlowFilter<TMessage>(flow, context.GetService<BackpressureOptions>() ?? new BackpressureOptions()));
            }

            m.UsePartitioner(partitioner, c => PlayerOf(c.Message));
        });
    }
}
