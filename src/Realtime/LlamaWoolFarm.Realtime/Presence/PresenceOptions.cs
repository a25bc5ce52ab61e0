using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Realtime.Presence;

/// <summary>Presence timing (section <c>Presence</c>). Clients send a heartbeat every 30 s.</summary>
public sealed class PresenceOptions : IValidatableObject
{
    public const string SectionName = "Presence";

    /// <summary>How long a connection counts as online after its last heartbeat; three missed heartbeats by default.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often each replica looks for leases that ran out.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Heartbeats of one connection closer together than this are ignored (they would only cost).</summary>
    public TimeSpan MinHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The problems with these settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Lease <= TimeSpan.Zero)
        {
            errors.Add("Presence:Lease must be positive.");
        }

        if (SweepInterval <= TimeSpan.Zero)
        {
            errors.Add("Presence:SweepInterval must be positive.");
        }

        if (MinHeartbeatInterval < TimeSpan.Zero || MinHeartbeatInterval >= Lease)
        {
            errors.Add("Presence:MinHeartbeatInterval must be at least zero and shorter than Presence:Lease.");
        }

        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
