namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>The message bus of a process (configuration section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary><c>InMemory</c> (one process) or <c>RabbitMq</c> (needs <c>ConnectionStrings:rabbitmq</c>).</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    /// <summary>Messages a RabbitMQ consumer fetches ahead; 100–200 measured best on a 2-core box.</summary>
    public int PrefetchCount { get; set; } = 128;

    /// <summary>Messages an endpoint processes at once.</summary>
    public int ConcurrentMessageLimit { get; set; } = 32;
}

/// <summary>The transports <see cref="MessagingOptions.Transport"/> can name.</summary>
public enum TransportKind
{
    InMemory,
    RabbitMq,
}
