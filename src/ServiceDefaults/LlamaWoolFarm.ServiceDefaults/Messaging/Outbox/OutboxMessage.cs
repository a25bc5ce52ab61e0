namespace LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// An accepted command waiting in the outbox (collection <c>outbox</c>) until its consumer has finished with it.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The process instance (<see cref="OutboxInstance"/>) that delivers it; an indexed field.</summary>
    public string Box { get; set; } = string.Empty;

    /// <summary>The message type as <c>Full.Name, Assembly</c>.</summary>
    public string MessageType { get; set; } = string.Empty;

    /// <summary>The queue address it is sent to (<c>queue:name</c>).</summary>
    public string Destination { get; set; } = string.Empty;

    /// <summary>The message as MassTransit's System.Text.Json serializer writes it.</summary>
    public string Body { get; set; } = string.Empty;

    public DateTimeOffset AcceptedAt { get; set; }
}
