using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LlamaWoolFarm.Contracts.Analytics;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// <c>GET admin/overview</c>: live counts from the (stubbed) analytics worker and queue depths from the real
/// RabbitMQ management API on this machine.
/// </summary>
public sealed class AdminOverviewTests
{
    private const string Management = "http://127.0.0.1:15672";

    [Fact]
    public async Task An_admin_sees_links_live_counts_and_the_depth_of_a_queue_on_the_real_broker()
    {
        await using var factory = Overview(Management);
        using var broker = Broker();
        var queue = "lwf-admin-overview-" + Guid.NewGuid().ToString("N")[..8];
        (await broker.PutAsJsonAsync($"/api/queues/%2F/{queue}", new { durable = false, auto_delete = false })).EnsureSuccessStatusCode();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                (await broker.PostAsJsonAsync("/api/exchanges/%2F/amq.default/publish", new { properties = new { }, routing_key = queue, payload = "wool", payload_encoding = "string" })).EnsureSuccessStatusCode();
            }

            var client = factory.Player(admin: true).Client;
            System.Text.Json.JsonElement data = default;
            // The management API refreshes queue statistics every few seconds.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                using var response = await client.GetAsync(new Uri("/api/v1/admin/overview", UriKind.Relative), deadline.Token);
                data = await response.DataAsync(HttpStatusCode.OK);
                // Queues are null when the gateway's call to the management API failed (it times out under load): ask again.
                var queues = data.GetProperty("queues");
                var row = queues.ValueKind == System.Text.Json.JsonValueKind.Array
                    ? queues.EnumerateArray().FirstOrDefault(q => q.GetProperty("name").GetString() == queue)
                    : default;
                if (row.ValueKind != System.Text.Json.JsonValueKind.Undefined && row.GetProperty("ready").GetInt64() == 3)
                {
                    break;
                }

                await Task.Delay(500, deadline.Token);
            }

            Assert.Equal(Management, data.GetProperty("links").GetProperty("rabbitMqUi").GetString());
            Assert.Equal("/api-docs", data.GetProperty("links").GetProperty("apiDocs").GetString());
            var players = data.GetProperty("players");
            Assert.Equal(5, players.GetProperty("activeThisHour").GetDouble());
            Assert.Equal(40, players.GetProperty("activeToday").GetDouble());
            Assert.Equal(12.5, players.GetProperty("actionsPerMinute").GetDouble());
            Assert.Equal(2, players.GetProperty("prestigesToday").GetDouble());
        }
        finally
        {
            await broker.DeleteAsync(new Uri($"/api/queues/%2F/{queue}", UriKind.Relative));
        }
    }

    [Fact]
    public async Task An_unreachable_broker_API_leaves_the_queues_empty_and_the_page_answers()
    {
        await using var factory = Overview("http://127.0.0.1:1");
        var client = factory.Player(admin: true).Client;

        using var response = await client.GetAsync(new Uri("/api/v1/admin/overview", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("queues").ValueKind);
        Assert.Equal(40, data.GetProperty("players").GetProperty("activeToday").GetDouble());
    }

    [Fact]
    public async Task The_overview_and_the_dashboard_session_need_the_admin_role()
    {
        await using var factory = Overview(Management);
        var player = factory.Player().Client;

        using var overview = await player.GetAsync(new Uri("/api/v1/admin/overview", UriKind.Relative));
        using var session = await player.PostAsync(new Uri("/api/v1/admin/dashboard-session", UriKind.Relative), null);

        await overview.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        await session.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.False(session.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_dashboard_session_is_an_http_only_strict_cookie_on_the_dashboard_path()
    {
        await using var factory = Overview(Management);
        var admin = factory.Player(admin: true).Client;

        using var response = await admin.PostAsync(new Uri("/api/v1/admin/dashboard-session", UriKind.Relative), null);

        await response.DataAsync(HttpStatusCode.OK);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("lwf_dashboard=" + admin.DefaultRequestHeaders.Authorization!.Parameter, cookie, StringComparison.Ordinal);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpClient Broker()
    {
        var broker = new HttpClient { BaseAddress = new Uri(Management) };
        broker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        return broker;
    }

    /// <summary>The gateway with the analytics worker stubbed: one bucket per metric, a figure per metric and window.</summary>
    private static GatewayFactory Overview(string managementUrl) => new GatewayFactory()
        .WithSetting("Admin:RabbitMqManagementUrl", managementUrl)
        .WithBus(x => x.AddHandler<GetAnalyticsMetric>(c => c.RespondAsync(new AnalyticsMetricSeries(
            c.Message.Metric, c.Message.From, c.Message.To, c.Message.WindowSeconds, [new(c.Message.From, Figure(c.Message))]))));

    private static double Figure(GetAnalyticsMetric m) => (m.Metric, m.WindowSeconds) switch
    {
        (AnalyticsMetricNames.ActivePlayers, 3600) => 5,
        (AnalyticsMetricNames.ActivePlayers, 86_400) => 40,
        (AnalyticsMetricNames.ActionsPerMinute, 300) => 12.5,
        (AnalyticsMetricNames.Prestiges, 86_400) => 2,
        _ => -1,
    };
}
