using System.Net;
using System.Net.Http.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Testing;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>The gateway with stubbed game state and notice, on a manual clock, for maintenance windows.</summary>
public sealed class MaintenanceGatewayFactory : GatewayFactory
{
    public int NoticesSent;

    public MaintenanceGatewayFactory() => WithManualClock().WithLooseRateLimits().WithBus(x =>
    {
        x.AddHandler<GetGameState>(context => context.RespondAsync(new GameStateView(
            context.Message.PlayerId, 1, new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, int>(), [], [], "0", "0", "0", 0, DateTimeOffset.UnixEpoch)));
        x.AddHandler<SendMaintenanceNotice>(context =>
        {
            Interlocked.Increment(ref NoticesSent);
            return context.RespondAsync(new MaintenanceNoticeSent(context.Message.CommandId, new NotificationView(
                Guid.NewGuid(), NotificationKinds.Maintenance, context.Message.Title, context.Message.Message, new Dictionary<string, string>(), true, false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), false));
        });
    });
}

/// <summary>Maintenance windows on one gateway: commands refused with 503 MAINTENANCE, reads served, admins exempt, the end honoured.</summary>
public sealed class MaintenanceTests(MaintenanceGatewayFactory factory) : IClassFixture<MaintenanceGatewayFactory>, IAsyncLifetime
{
    // Tests advance the shared clock; tokens issued ahead of the real time would not pass the bearer handler.
    public Task InitializeAsync()
    {
        factory.Clock.Now = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    // Each test starts without a window (the fixture's store is shared by the class).
    public async Task DisposeAsync()
    {
        var (admin, _) = factory.Player(admin: true);
        using (admin)
        {
            using var ended = await admin.DeleteAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative));
        }
    }

    [Fact]
    public async Task An_active_window_refuses_game_and_save_commands_with_503_and_Retry_After_but_serves_reads_and_admins()
    {
        var (admin, _) = factory.Player(admin: true);
        var (player, _) = factory.Player();
        using (admin)
        using (player)
        {
            var now = factory.Clock.GetUtcNow();
            using var set = await admin.PostAsJsonAsync("/api/v1/admin/maintenance", new { message = "Shearing the servers.", endsAt = now.AddMinutes(2) });
            var data = await set.DataAsync(HttpStatusCode.OK);
            Assert.True(data.GetProperty("maintenance").GetProperty("active").GetBoolean());
            Assert.True(data.GetProperty("notified").GetBoolean());
            Assert.Equal(1, Volatile.Read(ref factory.NoticesSent));

            foreach (var command in Commands())
            {
                using var refused = await player.SendAsync(command());
                var error = await refused.ErrorAsync(HttpStatusCode.ServiceUnavailable, "MAINTENANCE");
                Assert.Equal("Shearing the servers.", error.GetProperty("message").GetString());
                Assert.Equal(TimeSpan.FromSeconds(120), refused.Headers.RetryAfter!.Delta);
            }

            using var read = await player.GetAsync(new Uri("/api/v1/game/state", UriKind.Relative));
            await read.DataAsync(HttpStatusCode.OK);
            using var adminAction = await admin.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
            await adminAction.DataAsync(HttpStatusCode.Accepted);

            using var anonymous = factory.CreateClient();
            using var config = await anonymous.GetAsync(new Uri("/api/v1/config/maintenance", UriKind.Relative));
            var view = await config.DataAsync(HttpStatusCode.OK);
            Assert.True(view.GetProperty("active").GetBoolean());
            Assert.Equal("Shearing the servers.", view.GetProperty("message").GetString());

            // Retry-After counts down to the expected end.
            factory.Clock.Advance(TimeSpan.FromSeconds(90.5));
            using var later = await player.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
            await later.ErrorAsync(HttpStatusCode.ServiceUnavailable, "MAINTENANCE");
            Assert.Equal(TimeSpan.FromSeconds(30), later.Headers.RetryAfter!.Delta);

            // It ends on time, with no command: the end is compared with the clock on every request.
            factory.Clock.Advance(TimeSpan.FromSeconds(30));
            using var after = await player.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
            await after.DataAsync(HttpStatusCode.Accepted);
            using var over = await anonymous.GetAsync(new Uri("/api/v1/config/maintenance", UriKind.Relative));
            Assert.False((await over.DataAsync(HttpStatusCode.OK)).GetProperty("active").GetBoolean());
        }
    }

    [Fact]
    public async Task A_scheduled_window_starts_on_time_and_DELETE_ends_it_at_once()
    {
        var (admin, _) = factory.Player(admin: true);
        var (player, _) = factory.Player();
        using (admin)
        using (player)
        {
            var now = factory.Clock.GetUtcNow();
            using var set = await admin.PostAsJsonAsync("/api/v1/admin/maintenance", new { message = "Later.", startsAt = now.AddSeconds(30), endsAt = now.AddMinutes(5), notify = false });
            var data = await set.DataAsync(HttpStatusCode.OK);
            Assert.True(data.GetProperty("maintenance").GetProperty("scheduled").GetBoolean());
            Assert.False(data.GetProperty("notified").GetBoolean());

            using var before = await player.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
            await before.DataAsync(HttpStatusCode.Accepted);

            factory.Clock.Advance(TimeSpan.FromSeconds(31));
            using var during = await player.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
            await during.ErrorAsync(HttpStatusCode.ServiceUnavailable, "MAINTENANCE");
            using var current = await admin.GetAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative));
            Assert.True((await current.DataAsync(HttpStatusCode.OK)).GetProperty("active").GetBoolean());

            using var end = await admin.DeleteAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative));
            Assert.True((await end.DataAsync(HttpStatusCode.OK)).GetProperty("ended").GetBoolean());
            using var afterEnd = await player.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
            await afterEnd.DataAsync(HttpStatusCode.Accepted);
        }
    }

    [Theory]
    [InlineData("{\"endsAt\":\"END\"}", "message")]
    [InlineData("{\"message\":\"\",\"endsAt\":\"END\"}", "message")]
    [InlineData("{\"message\":\"LONG\",\"endsAt\":\"END\"}", "message")]
    [InlineData("{\"message\":\"m\"}", "endsAt")]
    [InlineData("{\"message\":\"m\",\"startsAt\":\"END\",\"endsAt\":\"START\"}", "endsAt")]
    [InlineData("{\"message\":\"m\",\"endsAt\":\"PAST\"}", "endsAt")]
    public async Task Bad_windows_are_refused_with_VALIDATION_ERROR(string template, string field)
    {
        var (admin, _) = factory.Player(admin: true);
        using (admin)
        {
            var now = factory.Clock.GetUtcNow();
            var json = template.Replace("LONG", new string('x', 501), StringComparison.Ordinal)
                .Replace("START", now.AddMinutes(1).ToString("O"), StringComparison.Ordinal)
                .Replace("END", now.AddMinutes(10).ToString("O"), StringComparison.Ordinal)
                .Replace("PAST", now.AddMinutes(-1).ToString("O"), StringComparison.Ordinal);
            using var response = await admin.PostAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
            using var current = await admin.GetAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative));
            Assert.False((await current.DataAsync(HttpStatusCode.OK)).GetProperty("active").GetBoolean());
        }
    }

    [Fact]
    public async Task Players_may_not_set_or_end_maintenance()
    {
        var (player, _) = factory.Player();
        using (player)
        {
            using var set = await player.PostAsJsonAsync("/api/v1/admin/maintenance", new { message = "mine", endsAt = factory.Clock.GetUtcNow().AddMinutes(1) });
            await set.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
            using var end = await player.DeleteAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative));
            await end.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
    }

    private static IEnumerable<Func<HttpRequestMessage>> Commands() =>
    [
        () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 1 }) },
        () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/offline/claim"),
        () => new HttpRequestMessage(HttpMethod.Put, "/api/v1/saves/current") { Content = JsonContent.Create(new { save = new { } }) },
        () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/saves/backups"),
        () => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/saves/backups/{Guid.NewGuid()}/restore"),
    ];
}

/// <summary>Two gateway instances sharing one Redis (a server of the test's own) see the same window.</summary>
public sealed class MaintenanceAcrossInstancesTests : IAsyncLifetime
{
    private OwnRedis _redis = null!;
    private GatewayFactory _first = null!;
    private GatewayFactory _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await OwnRedis.StartAsync();
        _first = Instance();
        _second = Instance();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_window_set_on_one_instance_is_enforced_by_the_other_and_ends_on_both()
    {
        var (admin, _) = _first.Player(admin: true);
        var (player, _) = _second.Player();
        using (admin)
        using (player)
        {
            using var set = await admin.PostAsJsonAsync("/api/v1/admin/maintenance", new { message = "Both.", endsAt = DateTimeOffset.UtcNow.AddSeconds(4), notify = false });
            await set.DataAsync(HttpStatusCode.OK);

            // The other instance reads the window within its cache time (1 s).
            var refused = await UntilAsync(player, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(2));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);

            // It ends on time on the instance that did not set it.
            var accepted = await UntilAsync(player, HttpStatusCode.Accepted, TimeSpan.FromSeconds(6));
            Assert.Equal(HttpStatusCode.Accepted, accepted);

            // A window ended by DELETE on one instance ends on the other within the cache time.
            using var again = await admin.PostAsJsonAsync("/api/v1/admin/maintenance", new { message = "Again.", endsAt = DateTimeOffset.UtcNow.AddMinutes(10), notify = false });
            await again.DataAsync(HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await UntilAsync(player, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(2)));
            using var end = await admin.DeleteAsync(new Uri("/api/v1/admin/maintenance", UriKind.Relative));
            await end.DataAsync(HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Accepted, await UntilAsync(player, HttpStatusCode.Accepted, TimeSpan.FromSeconds(2)));
        }
    }

    private static async Task<HttpStatusCode> UntilAsync(HttpClient player, HttpStatusCode wanted, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await player.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 1 });
            if (response.StatusCode == wanted || DateTime.UtcNow >= deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(100);
        }
    }

    private GatewayFactory Instance() => new GatewayFactory()
        .WithSetting("Storage:Mode", "Server")
        .WithSetting("ConnectionStrings:redis", _redis.ConnectionString)
        .WithLooseRateLimits();
}
