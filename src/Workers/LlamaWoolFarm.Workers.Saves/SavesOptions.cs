using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace LlamaWoolFarm.Workers.Saves;

/// <summary>Settings of the saves module (section <c>Saves</c>).</summary>
public sealed class SavesOptions
{
    public const string SectionName = "Saves";

    /// <summary>How many revisions of each player's save the history keeps (<c>Saves:History:Keep</c>).</summary>
    [ConfigurationKeyName("History:Keep")]
    [Range(1, int.MaxValue, ErrorMessage = "Saves:History:Keep must be a whole number of at least 1.")]
    public int HistoryKeep { get; set; } = 100;

    /// <summary>Nightly backups kept one per day for this many most recent days (<c>Saves:Backups:Daily</c>).</summary>
    [ConfigurationKeyName("Backups:Daily")]
    [Range(0, int.MaxValue, ErrorMessage = "Saves:Backups:Daily must be a whole number of at least 0.")]
    public int BackupsDaily { get; set; } = 7;

    /// <summary>Older nightly backups kept one per ISO week for this many weeks (<c>Saves:Backups:Weekly</c>).</summary>
    [ConfigurationKeyName("Backups:Weekly")]
    [Range(0, int.MaxValue, ErrorMessage = "Saves:Backups:Weekly must be a whole number of at least 0.")]
    public int BackupsWeekly { get; set; } = 4;

    /// <summary>Whether the module registers the nightly recurring schedule at start (<c>Saves:Backups:Nightly:Enabled</c>).</summary>
    [ConfigurationKeyName("Backups:Nightly:Enabled")]
    public bool NightlyEnabled { get; set; } = true;

    /// <summary>Quartz-style cron of the nightly run, UTC (<c>Saves:Backups:Nightly:Cron</c>).</summary>
    [ConfigurationKeyName("Backups:Nightly:Cron")]
    [Required(ErrorMessage = "Saves:Backups:Nightly:Cron must be a cron expression.")]
    public string NightlyCron { get; set; } = "0 0 3 * * ?";

    /// <summary>Days of activity marks the nightly run looks back over, so a missed night is caught up (<c>Saves:Backups:Nightly:LookBackDays</c>).</summary>
    [ConfigurationKeyName("Backups:Nightly:LookBackDays")]
    [Range(1, 366, ErrorMessage = "Saves:Backups:Nightly:LookBackDays must be between 1 and 366.")]
    public int NightlyLookBackDays { get; set; } = 7;
}
