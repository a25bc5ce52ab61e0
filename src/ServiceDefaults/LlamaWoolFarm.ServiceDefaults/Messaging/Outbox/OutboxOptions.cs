using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

/// <summary>The command outbox of a Standalone process (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// Record accepted commands without delivering them, and deliver none left by an earlier run, until a start
    /// without it: for maintenance (accept now, apply after an upgrade) and for the restart tests.
    /// </summary>
    public bool HoldDelivery { get; set; }

    /// <summary>Outbox messages one recovery step claims and delivers.</summary>
    [Range(1, 10_000, ErrorMessage = "Outbox:RecoveryPage must be between 1 and 10000.")]
    public int RecoveryPage { get; set; } = 256;
}
