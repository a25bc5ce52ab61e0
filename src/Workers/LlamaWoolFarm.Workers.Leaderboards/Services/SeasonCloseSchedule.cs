using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Messaging.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>Close and archive the weekly and monthly leaderboard seasons that have ended (<see cref="CloseLeaderboardSeasons"/>), as a recurring schedule of the scheduler worker.</summary>
public sealed class SeasonCloseSchedule(IServiceProvider services, IHostApplicationLifetime lifetime, SeasonCloseOptions options, ILogger<SeasonCloseSchedule> logger)
    : RecurringSchedule<CloseLeaderboardSeasons>(lifetime, logger)
{
    public const string ScheduleId = "close-seasons";
    public const string ScheduleGroup = "leaderboards";

    protected override bool Enabled => options.Enabled;

    protected override string Cron => options.Cron;

    protected override string Name => "season close";

    /// <summary>Sends the recurring schedule; exposed so tests and operators can register it on demand.</summary>
    public static Task RegisterAsync(IServiceProvider services, string cron, CancellationToken cancellationToken) =>
        SendAsync(services, ScheduleId, ScheduleGroup, "Close and archive the weekly and monthly leaderboard seasons that have ended", cron, new CloseLeaderboardSeasons(Guid.Empty, DateTimeOffset.MinValue), cancellationToken);

    protected override Task RegisterAsync(string cron, CancellationToken cancellationToken) => RegisterAsync(services, cron, cancellationToken);
}
