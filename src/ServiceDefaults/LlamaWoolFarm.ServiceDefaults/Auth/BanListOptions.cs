using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.ServiceDefaults.Auth;

/// <summary>Section <c>Moderation</c>: how long a gateway or hub instance trusts the ban list it read.</summary>
public sealed class BanListOptions
{
    public const string SectionName = "Moderation";

    /// <summary>
    /// Seconds an instance keeps the ban list before reading it again (default 30): a ban made on another instance
    /// is enforced here within this; the instance that made it enforces it at once.
    /// </summary>
    [Range(1, 60)]
    public int BanListCacheSeconds { get; set; } = 30;
}
