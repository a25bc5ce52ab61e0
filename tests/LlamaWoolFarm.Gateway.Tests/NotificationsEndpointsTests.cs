using System.Net;
using System.Net.Http.Json;
using System.Text;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Notifications;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary><c>/api/v1/notifications</c> and the admin maintenance notice, with the real notifications worker behind the gateway.</summary>
public sealed class NotificationsEndpointsTests : IClassFixture<NotificationsEndpointsTests.NotificationsGatewayFactory>
{
    private readonly NotificationsGatewayFactory _factory;

    public NotificationsEndpointsTests(NotificationsGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task A_players_notifications_are_listed_newest_first_and_marked_read_by_id_or_all()
    {
        var (client, player) = _factory.Player();
        await UnlockAsync(player, "first_shear", DateTimeOffset.UtcNow.AddMinutes(-2));
        await UnlockAsync(player, "hundred_wool", DateTimeOffset.UtcNow.AddMinutes(-1));

        using var listed = await client.GetAsync("/api/v1/notifications?limit=10");
        var data = await listed.DataAsync(HttpStatusCode.OK);
        var items = data.GetProperty("notifications").EnumerateArray().ToList();
        Assert.Equal(["hundred_wool", "first_shear"], items.Select(i => i.GetProperty("data").GetProperty("achievementId").GetString()));
        Assert.Equal(2, data.GetProperty("unread").GetInt32());
        Assert.Equal("achievement", items[0].GetProperty("kind").GetString());

        using var one = await client.PostAsJsonAsync("/api/v1/notifications/read", new { ids = new[] { items[0].GetProperty("notificationId").GetGuid() } });
        var marked = await one.DataAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1), (marked.GetProperty("marked").GetInt32(), marked.GetProperty("unread").GetInt32()));
        using var unread = await client.GetAsync("/api/v1/notifications?unreadOnly=true");
        var left = (await unread.DataAsync(HttpStatusCode.OK)).GetProperty("notifications").EnumerateArray().Single();
        Assert.Equal("first_shear", left.GetProperty("data").GetProperty("achievementId").GetString());

        using var all = await client.PostAsJsonAsync("/api/v1/notifications/read", new { all = true });
        Assert.Equal(0, (await all.DataAsync(HttpStatusCode.OK)).GetProperty("unread").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=-5", "limit")]
    [InlineData("?unreadOnly=maybe", "unreadOnly")]
    public async Task A_bad_query_is_refused_naming_the_field_and_nothing_is_asked(string query, string field)
    {
        var (client, player) = _factory.Player();

        using var response = await client.GetAsync("/api/v1/notifications" + query);

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _));
        Assert.False(_factory.Harness.Published.Select<GetNotifications>(m => m.Context.Message.PlayerId == player).Any());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"ids\":[]}")]
    [InlineData("{\"all\":false}")]
    [InlineData("{\"ids\":[\"8c7e1a52-1f0b-4d55-9d0a-7d1e6f3b2a10\"],\"all\":true}")]
    [InlineData("{\"ids\":[\"00000000-0000-0000-0000-000000000000\"]}")]
    [InlineData("{\"ids\":[\"not-a-guid\"]}")]
    [InlineData("{\"ids\":5}")]
    public async Task A_bad_read_request_is_refused_and_marks_nothing(string json)
    {
        var (client, player) = _factory.Player();
        await UnlockAsync(player, "bad_read", DateTimeOffset.UtcNow);

        using var response = await client.PostAsync("/api/v1/notifications/read", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        using var listed = await client.GetAsync("/api/v1/notifications");
        Assert.Equal(1, (await listed.DataAsync(HttpStatusCode.OK)).GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task More_than_100_ids_are_refused()
    {
        var (client, _) = _factory.Player();

        using var response = await client.PostAsJsonAsync("/api/v1/notifications/read", new { ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()) });

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("ids", out _));
    }

    [Fact]
    public async Task An_admin_maintenance_notice_reaches_every_player_once_per_idempotency_key()
    {
        var (admin, _) = _factory.Player(admin: true);
        var (player, _) = _factory.Player();
        var body = new { title = "Shearing the servers", message = "Back at 03:00 UTC.", startsAt = "2026-06-01T02:00:00Z", endsAt = "2026-06-01T03:00:00Z" };
        var key = Guid.NewGuid().ToString();

        using var first = await admin.SendAsync(Post("/api/v1/admin/notifications/maintenance", body, key));
        using var again = await admin.SendAsync(Post("/api/v1/admin/notifications/maintenance", body, key));

        var created = await first.DataAsync(HttpStatusCode.Created);
        var replayed = await again.DataAsync(HttpStatusCode.Created);
        var id = created.GetProperty("notification").GetProperty("notificationId").GetGuid();
        Assert.Equal(id, replayed.GetProperty("notification").GetProperty("notificationId").GetGuid());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        // A resend the gateway no longer remembers names the same command, which the worker answers as a replay.
        var resent = (await _factory.Harness.GetRequestClient<SendMaintenanceNotice>().GetResponse<MaintenanceNoticeSent>(
            new SendMaintenanceNotice(created.GetProperty("commandId").GetGuid(), Guid.NewGuid(), null, "x", "y", null, null))).Message;
        Assert.True(resent.Replayed);
        Assert.Equal(id, resent.Notification.NotificationId);
        using var listed = await player.GetAsync("/api/v1/notifications");
        var notices = (await listed.DataAsync(HttpStatusCode.OK)).GetProperty("notifications").EnumerateArray()
            .Where(n => n.GetProperty("notificationId").GetGuid() == id).ToList();
        var notice = Assert.Single(notices);
        Assert.True(notice.GetProperty("broadcast").GetBoolean());
        Assert.Equal("maintenance", notice.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_player_may_not_send_a_maintenance_notice()
    {
        var (client, player) = _factory.Player();

        using var response = await client.PostAsJsonAsync("/api/v1/admin/notifications/maintenance", new { title = "Hi", message = "Everyone" });

        await response.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.False(_factory.Harness.Published.Select<SendMaintenanceNotice>(m => m.Context.Message.AdminId == player).Any());
    }

    [Theory]
    [InlineData("{\"title\":\"\",\"message\":\"x\"}", "title")]
    [InlineData("{\"title\":\"Maintenance\"}", "message")]
    [InlineData("{\"title\":\"Maintenance\",\"message\":\"x\",\"startsAt\":\"2026-06-01T03:00:00Z\",\"endsAt\":\"2026-06-01T02:00:00Z\"}", "endsAt")]
    [InlineData("{\"title\":\"Bell\\u0007\",\"message\":\"x\"}", "title")]
    public async Task A_bad_maintenance_notice_is_refused_and_nothing_is_sent(string json, string field)
    {
        var (admin, adminId) = _factory.Player(admin: true);

        using var response = await admin.PostAsync("/api/v1/admin/notifications/maintenance", new StringContent(json, Encoding.UTF8, "application/json"));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Published.Select<SendMaintenanceNotice>(m => m.Context.Message.AdminId == adminId).Any());
    }

    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task UnlockAsync(Guid player, string achievement, DateTimeOffset at)
    {
        var message = new AchievementUnlocked(player, Guid.NewGuid(), achievement, at);
        await _factory.Harness.Bus.Publish(message);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_factory.Harness.Published.Select<NotificationCreated>(m => m.Context.Message.PlayerId == player && m.Context.Message.Notification.Data["achievementId"] == achievement).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "the notification was not made in time");
            await Task.Delay(10);
        }
    }

    /// <summary>The gateway with the notifications worker on the test harness and a SQLite store.</summary>
    public sealed class NotificationsGatewayFactory : GatewayFactory
    {
        public NotificationsGatewayFactory() => WithNotificationsWorker().WithSetting("RateLimits:PerPlayer", "10000");
    }
}
