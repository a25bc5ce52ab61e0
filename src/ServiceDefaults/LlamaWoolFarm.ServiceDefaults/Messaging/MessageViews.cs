using MassTransit;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>
/// A message view: a consumer's own type for a contract, carrying the contract's urn
/// (<c>[MessageUrn]</c>) and only the fields that consumer reads, so the bus deserializes no more of a large event
/// than is used. The in-memory transport names exchanges by urn, so a view is bound to the contract's exchange as it
/// is; RabbitMQ names them by CLR type, so there the view's own exchange, to which nothing publishes, is left out and
/// the queue is bound to the contract's.
/// </summary>
public static class MessageViews
{
    /// <summary>Binds <paramref name="endpoint"/> to <typeparamref name="TContract"/>'s exchange for its consumer of <typeparamref name="TView"/>.</summary>
    public static void BindViewOf<TView, TContract>(this IReceiveEndpointConfigurator endpoint)
        where TView : class
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            endpoint.ConfigureMessageTopology<TView>(false);
            rabbit.Bind<TContract>();
        }
    }
}
