using MassTransit;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>
/// Accepted commands sent straight to the bus: the choice of every host without an outbox. On RabbitMQ, MassTransit
/// turns publisher confirms on by default, declares the command's queue durable and sends messages persistent
/// (delivery mode 2), so the send completes only after the broker has taken the message into a durable queue; a
/// broker that refuses or cannot be reached fails the send, and the request is answered 503, never 202.
/// </summary>
public sealed class ConfirmedCommands(IBus bus) : IAcceptedCommands
{
    public async Task SendAsync<T>(T command, CancellationToken cancellationToken)
        where T : class
    {
        var endpoint = await bus.GetSendEndpoint(Queues.For<T>());
        await endpoint.Send(command, cancellationToken);
    }
}
