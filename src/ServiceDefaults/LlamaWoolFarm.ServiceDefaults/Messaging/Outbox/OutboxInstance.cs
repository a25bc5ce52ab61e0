namespace LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// A process that may have recorded outbox messages (collection <c>outbox_instances</c>): each start registers
/// itself before recording anything, and the next start delivers what a crashed one left and removes it.
/// </summary>
public sealed class OutboxInstance
{
    /// <summary>Always <see cref="Instance"/>: the indexed field the registry is listed by.</summary>
    public string Kind { get; set; } = Instance;

    public DateTimeOffset StartedAt { get; set; }

    public const string Instance = "instance";
}
