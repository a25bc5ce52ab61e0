using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Messaging.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Notifications.Services;

/// <summary>Delete notifications whose expiry has passed (<see cref="CleanupExpiredNotifications"/>), as a recurring schedule of the scheduler worker.</summary>
public sealed class NotificationCleanupSchedule(IServiceProvider services, IHostApplicationLifetime lifetime, NotificationsOptions options, ILogger<NotificationCleanupSchedule> logger)
    : RecurringSchedule<CleanupExpiredNotifications>(lifetime, logger)
{
    public const string ScheduleId = "expired-notifications";
    public const string ScheduleGroup = "notifications";

    protected override bool Enabled => options.CleanupEnabled;

    protected override string Cron => options.CleanupCron;

    protected override string Name => "notification cleanup";

    /// <summary>Sends the recurring schedule; exposed so tests and operators can register it on demand.</summary>
    public static Task RegisterAsync(IServiceProvider services, string cron, CancellationToken cancellationToken) =>
        SendAsync(services, ScheduleId, ScheduleGroup, "Delete notifications whose expiry has passed", cron, new CleanupExpiredNotifications("scheduled"), cancellationToken);

    protected override Task RegisterAsync(string cron, CancellationToken cancellationToken) => RegisterAsync(services, cron, cancellationToken);
}
