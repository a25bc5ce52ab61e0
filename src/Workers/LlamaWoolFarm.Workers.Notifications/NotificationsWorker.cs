using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Workers.Notifications.Consumers;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.Workers.Notifications;

/// <summary>
/// The notifications module: persistent notifications made from game, event, friend and admin messages, read
/// state per player, expiry with a recurring cleanup. Owns <c>notifications</c>, <c>notification_reads</c> and
/// <c>notification_cleanup</c>.
/// </summary>
public static class NotificationsWorker
{
    /// <summary>Registers the services and the start-up cleanup schedule (the document store and clock come from the host).</summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSettings<NotificationsOptions>(NotificationsOptions.SectionName);
        AddCore(builder.Services);
        builder.Services.AddHostedService<NotificationCleanupSchedule>();
        return builder;
    }

    /// <summary>The services without the start-up schedule (tests).</summary>
    public static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(new NotificationsOptions());
        services.AddSingleton<NotificationService>();
        return services;
    }

    /// <summary>Registers the notifications consumers on the bus.</summary>
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AchievementUnlockedNotificationConsumer>();
        bus.AddConsumer<PrestigeCompletedNotificationConsumer>();
        bus.AddConsumer<CompetitionEventStartedNotificationConsumer>();
        bus.AddConsumer<CompetitionEventFinishedNotificationConsumer>();
        bus.AddConsumer<EventRewardGrantedNotificationConsumer>();
        bus.AddConsumer<FriendAddedNotificationConsumer>();
        bus.AddConsumer<SendMaintenanceNoticeConsumer>();
        bus.AddConsumer<GetNotificationsConsumer>();
        bus.AddConsumer<MarkNotificationsReadConsumer>();
        bus.AddConsumer<CleanupExpiredNotificationsConsumer>();
        bus.AddConsumer<PurgeNotificationDataConsumer>();
        bus.AddConsumer<ExportNotificationDataConsumer>();
    }
}
