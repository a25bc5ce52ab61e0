using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Messaging.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>Nightly backups of active players, then retention pruning (<see cref="RunNightlyBackups"/>), as a recurring schedule of the scheduler worker.</summary>
public sealed class NightlyBackupSchedule(IServiceProvider services, IHostApplicationLifetime lifetime, SavesOptions options, ILogger<NightlyBackupSchedule> logger)
    : RecurringSchedule<RunNightlyBackups>(lifetime, logger)
{
    public const string ScheduleId = "nightly-backups";
    public const string ScheduleGroup = "saves";

    protected override bool Enabled => options.NightlyEnabled;

    protected override string Cron => options.NightlyCron;

    protected override string Name => "nightly backups";

    /// <summary>Sends the recurring schedule; exposed so tests and operators can register it on demand.</summary>
    public static Task RegisterAsync(IServiceProvider services, string cron, CancellationToken cancellationToken) =>
        SendAsync(services, ScheduleId, ScheduleGroup, "Nightly backups of active players, then retention pruning", cron, new RunNightlyBackups("nightly"), cancellationToken);

    protected override Task RegisterAsync(string cron, CancellationToken cancellationToken) => RegisterAsync(services, cron, cancellationToken);
}
