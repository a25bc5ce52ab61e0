using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace LlamaWoolFarm.Workers.Notifications;

/// <summary>Settings of the notifications module (section <c>Notifications</c>).</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How long a notification is kept after it was made (<c>Notifications:Expiry</c>, default 30 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Notifications:Expiry must be a time span from 00:01:00 to 365.00:00:00 (e.g. 30.00:00:00).")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most notifications one player keeps; the oldest go first (<c>Notifications:MaxPerPlayer</c>).</summary>
    [Range(10, 10_000, ErrorMessage = "Notifications:MaxPerPlayer must be a whole number from 10 to 10000.")]
    public int MaxPerPlayer { get; set; } = 200;

    /// <summary>Whether the module registers the recurring cleanup at start (<c>Notifications:Cleanup:Enabled</c>).</summary>
    [ConfigurationKeyName("Cleanup:Enabled")]
    public bool CleanupEnabled { get; set; } = true;

    /// <summary>Quartz-style cron of the cleanup, UTC (<c>Notifications:Cleanup:Cron</c>; default hourly at minute 20).</summary>
    [ConfigurationKeyName("Cleanup:Cron")]
    [Required(ErrorMessage = "Notifications:Cleanup:Cron must be a cron expression.")]
    public string CleanupCron { get; set; } = "0 20 * * * ?";
}
