using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Workers.Leaderboards;

/// <summary>The recurring season close (section <c>Leaderboards:SeasonClose</c>).</summary>
public sealed class SeasonCloseOptions : IValidatableObject
{
    public const string SectionName = "Leaderboards:SeasonClose";

    /// <summary>
    /// Quartz-style cron, UTC: daily at 00:05, which closes the ISO week on Mondays and the month on the 1st, and leaves
    /// five minutes for scores stamped before midnight to arrive.
    /// </summary>
    public const string DailyCron = "0 5 0 * * ?";

    /// <summary>Whether the module registers the recurring schedule at start (<c>Leaderboards:SeasonClose:Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the check runs (<c>Leaderboards:SeasonClose:Cron</c>, Quartz-style, UTC).</summary>
    public string Cron { get; set; } = DailyCron;

    /// <summary>The problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var fields = Cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        return fields is >= 5 and <= 7 ? [] : [$"{SectionName}:Cron must be a cron expression of 5 to 7 fields; got '{Cron}'."];
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
