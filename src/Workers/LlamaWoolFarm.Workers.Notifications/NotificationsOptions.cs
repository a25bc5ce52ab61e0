using LlamaWoolFarm.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlamaWoolFarm.Workers.Notifications;

/// <summary>Settings of the notifications module (section <c>Notifications</c>).</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How long a notification is kept after it was made (<c>Notifications:Expiry</c>, default 30 days).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most notifications one player keeps; the oldest go first (<c>Notifications:MaxPerPlayer</c>).</summary>
    public int MaxPerPlayer { get; set; } = 200;

    /// <summary>Whether the module registers the recurring cleanup at start (<c>Notifications:Cleanup:Enabled</c>).</summary>
    public bool CleanupEnabled { get; set; } = true;

    /// <summary>Quartz-style cron of the cleanup, UTC (<c>Notifications:Cleanup:Cron</c>; default hourly at minute 20).</summary>
    public string CleanupCron { get; set; } = "0 20 * * * ?";

    /// <summary>The settings as configured; a wrong value stops the process with a message naming it.</summary>
    public static NotificationsOptions From(IConfiguration configuration)
    {
        var options = new NotificationsOptions();
        var section = configuration.GetSection(SectionName);
        var errors = new List<string>();
        if (section["Expiry"] is { Length: > 0 } expiry)
        {
            if (TimeSpan.TryParse(expiry, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.FromMinutes(1) && value <= TimeSpan.FromDays(365))
            {
                options.Expiry = value;
            }
            else
            {
                errors.Add("Notifications:Expiry must be a time span from 00:01:00 to 365.00:00:00 (e.g. 30.00:00:00).");
            }
        }

        if (section["MaxPerPlayer"] is { Length: > 0 } max)
        {
            if (int.TryParse(max, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 10 and <= 10_000)
            {
                options.MaxPerPlayer = value;
            }
            else
            {
                errors.Add("Notifications:MaxPerPlayer must be a whole number from 10 to 10000.");
            }
        }

        options.CleanupEnabled = !string.Equals(section["Cleanup:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        options.CleanupCron = string.IsNullOrWhiteSpace(section["Cleanup:Cron"]) ? options.CleanupCron : section["Cleanup:Cron"]!.Trim();
        SettingsValidator.ThrowIfInvalid<NotificationsOptions>(errors);
        return options;
    }
}
