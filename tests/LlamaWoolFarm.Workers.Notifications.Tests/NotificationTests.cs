using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Notifications.Services;
using MassTransit.Scheduling;
using MassTransit.Testing;

namespace LlamaWoolFarm.Workers.Notifications.Tests;

public sealed class NotificationTests
{
    [Fact]
    public async Task An_achievement_delivered_twice_makes_one_notification_and_one_push()
    {
        await using var notifications = await NotificationsFixture.StartAsync();
        var player = Guid.NewGuid();
        var unlocked = new AchievementUnlocked(player, Guid.NewGuid(), "first_shear", TestBus.Start);

        await notifications.PublishAsync(unlocked);
        await notifications.PublishAsync(unlocked with { CommandId = Guid.NewGuid() });

        var list = await notifications.ListAsync(player);
        var only = Assert.Single(list.Notifications);
        Assert.Equal(NotificationKinds.Achievement, only.Kind);
        Assert.Equal("first_shear", only.Data["achievementId"]);
        Assert.False(only.Read);
        Assert.False(only.Broadcast);
        Assert.Equal(TestBus.Start + TimeSpan.FromDays(30), only.ExpiresAt);
        Assert.Equal(1, list.Unread);
        // Nothing else is published later: once the bus is idle, every push there will be is recorded.
        await notifications.Harness.InactivityTask;
        var pushed = notifications.Harness.Published.Select<NotificationCreated>().ToList();
        Assert.Equal(player, Assert.Single(pushed).Context.Message.PlayerId);
    }

    [Fact]
    public async Task Every_kind_of_source_becomes_its_notification_for_the_right_players()
    {
        await using var notifications = await NotificationsFixture.StartAsync();
        var (player, friend, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var eventId = Guid.NewGuid();

        await notifications.PublishAsync(new PrestigeCompleted(player, Guid.NewGuid(), 3, 5, 2, "1e12", TestBus.Start));
        await notifications.PublishAsync(new CompetitionEventStarted(eventId, CompetitionEventTypes.DoubleWool, TestBus.Start, TestBus.Start.AddDays(1)));
        await notifications.PublishAsync(new CompetitionEventFinished(eventId, 42, 3, TestBus.Start.AddDays(1)));
        await notifications.PublishAsync(new EventRewardGranted(eventId, player, Guid.NewGuid(), 1, 100, 150, TestBus.Start.AddDays(1)));
        // A replayed grant is published again; it finds its notification.
        await notifications.PublishAsync(new EventRewardGranted(eventId, player, Guid.NewGuid(), 1, 100, 150, TestBus.Start.AddDays(1).AddSeconds(5)));
        await notifications.PublishAsync(new EventRewardGranted(eventId, other, Guid.NewGuid(), 40, 0, 0, TestBus.Start.AddDays(1)));
        await notifications.PublishAsync(new FriendAdded(friend, player, "Shearer", TestBus.Start));

        var mine = (await notifications.ListAsync(player)).Notifications.Select(n => n.Kind).Order().ToList();
        var theirs = (await notifications.ListAsync(other)).Notifications.Select(n => n.Kind).Order().ToList();
        var friends = (await notifications.ListAsync(friend)).Notifications.Select(n => n.Kind).Order().ToList();

        Assert.Equal([NotificationKinds.EventEnded, NotificationKinds.EventStarted, NotificationKinds.FriendAdded, NotificationKinds.Prestige, NotificationKinds.RewardGranted], mine);
        Assert.Equal([NotificationKinds.EventEnded, NotificationKinds.EventStarted], theirs);
        Assert.Equal([NotificationKinds.EventEnded, NotificationKinds.EventStarted], friends);
        var reward = (await notifications.ListAsync(player)).Notifications.Single(n => n.Kind == NotificationKinds.RewardGranted);
        Assert.Equal("100", reward.Data["goldenFleece"]);
        await notifications.Harness.InactivityTask;
        var pushes = notifications.Harness.Published.Select<NotificationCreated>().Select(m => m.Context.Message).ToList();
        Assert.Equal(2, pushes.Count(p => p.PlayerId is null));
        Assert.Equal(3, pushes.Count(p => p.PlayerId == player));
    }

    [Fact]
    public async Task Reading_is_per_player_by_ids_or_all_and_a_broadcast_read_by_one_stays_unread_for_another()
    {
        await using var notifications = await NotificationsFixture.StartAsync();
        var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
        await notifications.PublishAsync(new AchievementUnlocked(player, Guid.NewGuid(), "a1", TestBus.Start));
        notifications.Clock.Advance(TimeSpan.FromMinutes(1));
        await notifications.PublishAsync(new AchievementUnlocked(player, Guid.NewGuid(), "a2", TestBus.Start.AddMinutes(1)));
        notifications.Clock.Advance(TimeSpan.FromMinutes(1));
        await notifications.PublishAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.BuildingSale, TestBus.Start.AddMinutes(2), TestBus.Start.AddDays(1)));
        var all = (await notifications.ListAsync(player)).Notifications;
        Assert.Equal([NotificationKinds.EventStarted, NotificationKinds.Achievement, NotificationKinds.Achievement], all.Select(n => n.Kind));
        var broadcast = all[0].NotificationId;

        var someone = await notifications.MarkAsync(other, [all[1].NotificationId]);
        var first = await notifications.MarkAsync(player, [broadcast, all[1].NotificationId, Guid.NewGuid()]);
        var again = await notifications.MarkAsync(player, [broadcast]);

        Assert.Equal(0, someone.Marked);
        Assert.Equal((2, 1), (first.Marked, first.Unread));
        Assert.Equal((0, 1), (again.Marked, again.Unread));
        var unread = await notifications.ListAsync(player, unreadOnly: true);
        Assert.Equal("a1", Assert.Single(unread.Notifications).Data["achievementId"]);
        Assert.Equal(1, (await notifications.ListAsync(other)).Unread);

        var everything = await notifications.MarkAsync(player, [], all: true);
        notifications.Clock.Advance(TimeSpan.FromMinutes(1));
        await notifications.PublishAsync(new AchievementUnlocked(player, Guid.NewGuid(), "a3", TestBus.Start));

        Assert.Equal((1, 0), (everything.Marked, everything.Unread));
        var after = await notifications.ListAsync(player, unreadOnly: true);
        // Made after "all read" although its source is older: it is new to the player.
        Assert.Equal("a3", Assert.Single(after.Notifications).Data["achievementId"]);
        Assert.Equal(2, (await notifications.ListAsync(player, limit: 2)).Notifications.Count);
    }

    [Fact]
    public async Task A_maintenance_notice_is_one_broadcast_per_command_and_a_repeat_answers_it_again()
    {
        await using var notifications = await NotificationsFixture.StartAsync();
        var client = notifications.Harness.GetRequestClient<SendMaintenanceNotice>();
        var command = new SendMaintenanceNotice(Guid.NewGuid(), Guid.NewGuid(), "req", "Maintenance tonight", "The farm closes 02:00-03:00 UTC.", TestBus.Start.AddHours(14), TestBus.Start.AddHours(15));

        var first = (await client.GetResponse<MaintenanceNoticeSent>(command)).Message;
        var second = (await client.GetResponse<MaintenanceNoticeSent>(command)).Message;
        await notifications.Harness.InactivityTask;

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Notification.NotificationId, second.Notification.NotificationId);
        Assert.True(first.Notification.Broadcast);
        Assert.Equal(NotificationKinds.Maintenance, first.Notification.Kind);
        var seen = Assert.Single((await notifications.ListAsync(Guid.NewGuid())).Notifications);
        Assert.Equal("Maintenance tonight", seen.Title);
        var push = Assert.Single(notifications.Harness.Published.Select<NotificationCreated>().ToList()).Context.Message;
        Assert.Null(push.PlayerId);
    }

    [Fact]
    public async Task Expired_notifications_are_hidden_and_the_cleanup_deletes_them_and_only_them()
    {
        await using var notifications = await NotificationsFixture.StartAsync(new NotificationsOptions { Expiry = TimeSpan.FromDays(2) });
        var player = Guid.NewGuid();
        await notifications.PublishAsync(new AchievementUnlocked(player, Guid.NewGuid(), "old", TestBus.Start));
        notifications.Clock.Advance(TimeSpan.FromDays(1));
        await notifications.PublishAsync(new AchievementUnlocked(player, Guid.NewGuid(), "young", TestBus.Start.AddDays(1)));
        notifications.Clock.Advance(TimeSpan.FromDays(1.5));

        var listed = await notifications.ListAsync(player);
        Assert.Equal("young", Assert.Single(listed.Notifications).Data["achievementId"]);

        await notifications.PublishAsync(new CleanupExpiredNotifications("test"));
        var collection = notifications.Store.Collection<StoredNotification>("notifications");
        Assert.Null(await collection.GetAsync(NotificationService.Key(NotificationDrafts.Id(NotificationKinds.Achievement, "old", player))));
        Assert.NotNull(await collection.GetAsync(NotificationService.Key(NotificationDrafts.Id(NotificationKinds.Achievement, "young", player))));

        notifications.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await notifications.Service.CleanupAsync(default));
        Assert.Equal(0, await notifications.Service.CleanupAsync(default));
        Assert.Empty((await notifications.ListAsync(player)).Notifications);
    }

    [Fact]
    public async Task A_player_keeps_at_most_the_configured_number_and_loses_the_oldest()
    {
        await using var notifications = await NotificationsFixture.StartAsync(new NotificationsOptions { MaxPerPlayer = 10 });
        var player = Guid.NewGuid();
        for (var i = 0; i < 12; i++)
        {
            notifications.Clock.Advance(TimeSpan.FromSeconds(1));
            await notifications.Service.CreateAsync(NotificationDrafts.Achievement(new AchievementUnlocked(player, Guid.NewGuid(), $"a{i:D2}", notifications.Clock.Now)), default);
        }

        var list = await notifications.ListAsync(player);

        Assert.Equal(10, list.Notifications.Count);
        Assert.Equal("a11", list.Notifications[0].Data["achievementId"]);
        Assert.DoesNotContain(list.Notifications, n => n.Data["achievementId"] is "a00" or "a01");
    }

    [Fact]
    public async Task The_cleanup_is_sent_to_the_scheduler_as_a_recurring_schedule()
    {
        await using var notifications = await NotificationsFixture.StartAsync();

        await NotificationCleanupSchedule.RegisterAsync(notifications.Provider, "0 20 * * * ?", default);

        Assert.True(await notifications.Harness.Sent.Any<ScheduleRecurringMessage>());
        var sent = notifications.Harness.Sent.Select<ScheduleRecurringMessage>().Single();
        Assert.Equal(LlamaWoolFarm.ServiceDefaults.Messaging.MessageSchedulerEndpoint.DefaultQueue, sent.Context.DestinationAddress!.AbsolutePath.TrimStart('/'));
        Assert.Equal(NotificationCleanupSchedule.ScheduleId, sent.Context.Message.Schedule.ScheduleId);
        Assert.Equal("0 20 * * * ?", sent.Context.Message.Schedule.CronExpression);
        Assert.EndsWith("cleanup-expired-notifications", sent.Context.Message.Destination.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notifications_part_exports_the_players_own_then_purges_them_and_leaves_broadcasts_and_others()
    {
        await using var notifications = await NotificationsFixture.StartAsync();
        var (player, other) = (Guid.NewGuid(), Guid.NewGuid());
        await notifications.PublishAsync(new AchievementUnlocked(player, Guid.NewGuid(), "mine", TestBus.Start));
        await notifications.PublishAsync(new AchievementUnlocked(other, Guid.NewGuid(), "theirs", TestBus.Start));
        await notifications.PublishAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.DoubleWool, TestBus.Start, TestBus.Start.AddDays(1)));
        await notifications.MarkAsync(player, [], all: true);

        var export = (await notifications.Harness.GetRequestClient<ExportPlayerData>().GetResponse<PlayerDataExport>(new ExportPlayerData(player, PlayerDataParts.Notifications))).Message;
        using (var json = System.Text.Json.JsonDocument.Parse(export.Json))
        {
            var own = Assert.Single(json.RootElement.GetProperty("notifications").EnumerateArray().ToList());
            Assert.Equal("mine", own.GetProperty("data").GetProperty("achievementId").GetString());
            Assert.True(own.GetProperty("read").GetBoolean());
        }

        await notifications.PublishAsync(new PurgePlayerData(player, Guid.NewGuid(), PlayerDataParts.Notifications, 1));

        Assert.True(await NotificationsFixture.WaitUntilAsync(() => notifications.Harness.Published.Select<PlayerDataPurged>().Any()));
        Assert.Equal(2, notifications.Harness.Published.Select<PlayerDataPurged>().Single().Context.Message.Removed);
        var left = await notifications.ListAsync(player);
        Assert.Equal(NotificationKinds.EventStarted, Assert.Single(left.Notifications).Kind);
        Assert.False(left.Notifications[0].Read);
        Assert.Equal(2, (await notifications.ListAsync(other)).Notifications.Count);
    }

    [Fact]
    public async Task Wrong_settings_stop_the_module_with_the_setting_named()
    {
        var error = await StartupSettings.StartFailureAsync(
            new Dictionary<string, string?> { ["Notifications:Expiry"] = "00:00:10", ["Notifications:MaxPerPlayer"] = "3" },
            b => NotificationsWorker.AddServices(b));

        Assert.Contains(error.Failures, f => f.Contains("Notifications:Expiry", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Notifications:MaxPerPlayer", StringComparison.Ordinal));
    }
}
