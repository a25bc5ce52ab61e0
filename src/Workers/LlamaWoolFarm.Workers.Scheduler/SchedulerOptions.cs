using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Workers.Scheduler;

/// <summary>Settings of the scheduler worker (configuration section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string SectionName = "Scheduler";

    /// <summary>How often due jobs are looked for; a message is sent at most about this late.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00", ErrorMessage = "Scheduler:PollingInterval must be between 00:00:00.1 and 00:01:00.")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Jobs sending at the same time.</summary>
    [Range(1, 100, ErrorMessage = "Scheduler:WorkerCount must be between 1 and 100.")]
    public int WorkerCount { get; set; } = 4;

    /// <summary>Key prefix of the Hangfire data in Redis (server mode); one prefix per deployment.</summary>
    public string RedisPrefix { get; set; } = "{lwf-hangfire}:";

    /// <summary>File name of the Hangfire database under <c>Storage:DataPath</c> (embedded mode).</summary>
    public string SqliteFile { get; set; } = "scheduler.db";

    /// <summary>Where the Hangfire dashboard is mounted (admins only).</summary>
    public string DashboardPath { get; set; } = "/hangfire";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (DashboardPath?.StartsWith('/') != true)
        {
            yield return new ValidationResult("Scheduler:DashboardPath must start with '/'.");
        }
    }
}
