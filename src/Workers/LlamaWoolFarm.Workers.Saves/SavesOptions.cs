namespace LlamaWoolFarm.Workers.Saves;

/// <summary>Settings of the saves module (section <c>Saves</c>).</summary>
public sealed class SavesOptions
{
    /// <summary>How many revisions of each player's save the history keeps (<c>Saves:History:Keep</c>).</summary>
    public int HistoryKeep { get; set; } = 100;

    /// <summary>Nightly backups kept one per day for this many most recent days (<c>Saves:Backups:Daily</c>).</summary>
    public int BackupsDaily { get; set; } = 7;

    /// <summary>Older nightly backups kept one per ISO week for this many weeks (<c>Saves:Backups:Weekly</c>).</summary>
    public int BackupsWeekly { get; set; } = 4;

    /// <summary>Whether the module registers the nightly recurring schedule at start (<c>Saves:Backups:Nightly:Enabled</c>).</summary>
    public bool NightlyEnabled { get; set; } = true;

    /// <summary>Quartz-style cron of the nightly run, UTC (<c>Saves:Backups:Nightly:Cron</c>).</summary>
    public string NightlyCron { get; set; } = "0 0 3 * * ?";

    /// <summary>Days of activity marks the nightly run looks back over, so a missed night is caught up.</summary>
    public int NightlyLookBackDays { get; set; } = 7;

    public static SavesOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = new SavesOptions();
        var section = configuration.GetSection("Saves");
        options.HistoryKeep = Read(section, "History:Keep", options.HistoryKeep, 1);
        options.BackupsDaily = Read(section, "Backups:Daily", options.BackupsDaily, 0);
        options.BackupsWeekly = Read(section, "Backups:Weekly", options.BackupsWeekly, 0);
        options.NightlyEnabled = !string.Equals(section["Backups:Nightly:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        options.NightlyCron = string.IsNullOrWhiteSpace(section["Backups:Nightly:Cron"]) ? options.NightlyCron : section["Backups:Nightly:Cron"]!;
        return options;
    }

    private static int Read(Microsoft.Extensions.Configuration.IConfiguration section, string key, int fallback, int minimum)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new Microsoft.Extensions.Options.OptionsValidationException($"Saves:{key}", typeof(SavesOptions), [$"Saves:{key} must be a whole number of at least {minimum}."]);
    }
}
