using MassTransit;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>
/// Where commands go. A command <c>X</c> is consumed by <c>XConsumer</c>, whose kebab-case endpoint is the queue
/// <c>x</c>; senders derive the address from the command type, so neither side hard-codes queue names.
/// </summary>
public static class Queues
{
    /// <summary>The queue address of the consumer of command <typeparamref name="T"/>.</summary>
    public static Uri For<T>()
        where T : class => new($"queue:{Name<T>()}");

    /// <summary>The queue name of the consumer of command <typeparamref name="T"/>.</summary>
    public static string Name<T>()
        where T : class => KebabCaseEndpointNameFormatter.Instance.SanitizeName(typeof(T).Name);
}
