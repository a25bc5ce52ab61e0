using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.ServiceDefaults.Auth;

/// <summary>Section <c>Moderation</c>: how long a gateway or hub instance trusts the ban list it read, and the window 429s are coalesced over.</summary>
public sealed class ModerationOptions
{
    public const string SectionName = "Moderation";

    /// <summary>
    /// Seconds an instance keeps the ban list before reading it again (default 30): a ban made on another instance
    /// is enforced here within this; the instance that made it enforces it at once.
    /// </summary>
    [Range(1, 60)]
    public int BanListCacheSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds of a rate-limit offence window (default 60, aligned to the clock): a gateway instance publishes one
    /// count per player and window, never one message per refused request.
    /// </summary>
    [Range(1, 3600)]
    public int OffenceWindowSeconds { get; set; } = 60;
}
