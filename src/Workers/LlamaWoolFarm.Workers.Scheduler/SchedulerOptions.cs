namespace LlamaWoolFarm.Workers.Scheduler;

/// <summary>Settings of the scheduler worker (configuration section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>How often due jobs are looked for; a message is sent at most about this late.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Jobs sending at the same time.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>Key prefix of the Hangfire data in Redis (server mode); one prefix per deployment.</summary>
    public string RedisPrefix { get; set; } = "{lwf-hangfire}:";

    /// <summary>File name of the Hangfire database under <c>Storage:DataPath</c> (embedded mode).</summary>
    public string SqliteFile { get; set; } = "scheduler.db";

    /// <summary>Where the Hangfire dashboard is mounted (admins only).</summary>
    public string DashboardPath { get; set; } = "/hangfire";
}
