using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;

/// <summary>
/// Load shedding of game commands (section <c>Backpressure</c>), read by gateways (the bound) and game workers (the
/// optional apply cap). See docs/performance.md#backpressure.
/// </summary>
public sealed class BackpressureOptions
{
    public const string SectionName = "Backpressure";

    /// <summary>Refuse new game commands with 503 <c>OVERLOADED</c> while the backlog exceeds the bound (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The bound: seconds of work the game command queues may hold (depth ÷ the game workers' recent apply rate)
    /// before new commands are refused. 5 s is far above a healthy p99 (≤ 0.4 s), so bursts and pauses never shed,
    /// and well below the point where a player thinks a click was lost.
    /// </summary>
    [Range(0.5, 600, ErrorMessage = "Backpressure:MaxBacklogSeconds must be between 0.5 and 600.")]
    public double MaxBacklogSeconds { get; set; } = 5;

    /// <summary>
    /// Commands the queues may hold whatever the rate says: a cold worker's first, slow seconds (JIT, empty caches)
    /// measure a low rate, and a backlog this small is a fraction of a second for any healthy worker (≥ 288/s
    /// measured distributed on 2 cores).
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Backpressure:MinimumBacklog must be between 0 and 1000000 commands.")]
    public long MinimumBacklog { get; set; } = 100;

    /// <summary>
    /// Caps the game commands one game worker applies per second (0: no cap). A capacity drill: it makes the
    /// worker's capacity known and small, so an overload test or an ops rehearsal can offer a known multiple of it.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Backpressure:ApplyRateLimit must be between 0 (off) and 1000000 commands/s.")]
    public double ApplyRateLimit { get; set; }
}
