using System.Net;
using System.Net.Http.Json;
using System.Text;
using LlamaWoolFarm.Contracts.Analytics;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class AnalyticsEndpointsTests : IClassFixture<AnalyticsEndpointsTests.AnalyticsGatewayFactory>
{
    private readonly AnalyticsGatewayFactory _factory;

    public AnalyticsEndpointsTests(AnalyticsGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task Valid_events_of_a_batch_are_sent_and_each_invalid_one_is_reported_with_its_index_and_code()
    {
        var (client, player) = _factory.Player();
        var now = DateTimeOffset.UtcNow;
        var events = new object[]
        {
            new { name = "session_start", timestamp = now.AddMinutes(-1), sessionId = "s-1", properties = new { device = "ios", fps = 60 } },
            new { name = "teleport", timestamp = now },
            new { name = "performance", timestamp = now.AddHours(1) },
            new { name = "error", timestamp = now.AddDays(-30) },
            new { name = "player_action", timestamp = now, properties = new { blob = new string('x', 3000) } },
            42,
            new { name = "purchase" },
            new { name = "purchase", timestamp = now.ToUnixTimeMilliseconds(), properties = new { item = "barn" } },
            new { name = "prestige", timestamp = now, properties = new[] { 1, 2 } },
            new { name = "game_progression", timestamp = "2026-01-01T10:00:00" },
        };

        using var response = await client.PostAsJsonAsync("/api/v1/analytics/events", new { events });

        var data = await response.DataAsync(HttpStatusCode.Accepted);
        Assert.Equal(2, data.GetProperty("accepted").GetInt32());
        var rejected = data.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("code").GetString())).ToList();
        Assert.Equal(
            [(1, "UNKNOWN_EVENT"), (2, "EVENT_TIMESTAMP_IN_FUTURE"), (3, "EVENT_TIMESTAMP_TOO_OLD"), (4, "EVENT_PROPERTIES_TOO_LARGE"), (5, "INVALID_EVENT"), (6, "INVALID_EVENT"), (8, "INVALID_EVENT"), (9, "INVALID_EVENT")],
            rejected);
        var commandId = data.GetProperty("commandId").GetGuid();
        Assert.True(await _factory.Harness.Sent.Any<RecordClientEvents>(s => s.Context.Message.CommandId == commandId));
        var sent = _factory.Harness.Sent.Select<RecordClientEvents>(s => s.Context.Message.CommandId == commandId).Single().Context.Message;
        Assert.Equal(player, sent.PlayerId);
        Assert.Equal(["session_start", "purchase"], sent.Events.Select(e => e.Name));
        Assert.Equal("{\"device\":\"ios\",\"fps\":60}", sent.Events[0].PropertiesJson);
        Assert.Equal("s-1", sent.Events[0].SessionId);
        Assert.Equal(now.ToUnixTimeMilliseconds(), sent.Events[1].Timestamp.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_batch_over_100_events_is_refused_and_nothing_is_sent()
    {
        var (client, player) = _factory.Player();
        var events = Enumerable.Range(0, 101).Select(_ => new { name = "session_start", timestamp = DateTimeOffset.UtcNow }).ToList();

        using var response = await client.PostAsJsonAsync("/api/v1/analytics/events", new { events });

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "ANALYTICS_BATCH_TOO_LARGE");
        Assert.True(error.GetProperty("details").TryGetProperty("events", out _));
        Assert.False(_factory.Harness.Sent.Select<RecordClientEvents>(s => s.Context.Message.PlayerId == player).Any());
    }

    [Theory]
    [InlineData("{\"events\":[]}", "ANALYTICS_BATCH_EMPTY")]
    [InlineData("{}", "ANALYTICS_BATCH_EMPTY")]
    [InlineData("{\"events\":[{\"name\":\"nope\",\"timestamp\":\"2026-01-01T00:00:00Z\"},7]}", "ANALYTICS_NO_VALID_EVENTS")]
    [InlineData("{\"events\":5}", "VALIDATION_ERROR")]
    public async Task A_batch_without_any_valid_event_is_refused(string json, string code)
    {
        var (client, player) = _factory.Player();

        using var response = await client.PostAsync(new Uri("/api/v1/analytics/events", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, code);
        if (code == "ANALYTICS_NO_VALID_EVENTS")
        {
            Assert.StartsWith("UNKNOWN_EVENT", error.GetProperty("details").GetProperty("events[0]")[0].GetString(), StringComparison.Ordinal);
            Assert.StartsWith("INVALID_EVENT", error.GetProperty("details").GetProperty("events[1]")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.False(_factory.Harness.Sent.Select<RecordClientEvents>(s => s.Context.Message.PlayerId == player).Any());
    }

    [Fact]
    public async Task The_players_variant_of_an_experiment_is_answered()
    {
        var (client, player) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/analytics/experiments/shop-layout", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal("shop-layout", data.GetProperty("experimentId").GetString());
        Assert.Equal("grid", data.GetProperty("variant").GetString());
        Assert.True(data.GetProperty("firstExposure").GetBoolean());
        Assert.True(await _factory.Harness.Consumed.Any<GetExperimentAssignment>(c => c.Context.Message.PlayerId == player));
    }

    [Theory]
    [InlineData("unknown-test", HttpStatusCode.NotFound, "EXPERIMENT_NOT_FOUND")]
    [InlineData("Shop-Layout", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_EXPERIMENT_ID")]
    [InlineData("bad%20id", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_EXPERIMENT_ID")]
    [InlineData("-leading-dash", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_EXPERIMENT_ID")]
    public async Task An_unknown_or_malformed_experiment_is_refused(string id, HttpStatusCode status, string code)
    {
        var (client, _) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/analytics/experiments/" + id, UriKind.Relative));

        await response.ErrorAsync(status, code);
    }

    [Fact]
    public async Task An_admin_reads_a_metric_by_window()
    {
        var (client, _) = _factory.Player(admin: true);

        using var response = await client.GetAsync(new Uri("/api/v1/admin/analytics/metrics?metric=prestiges&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z&window=1d", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal("prestiges", data.GetProperty("metric").GetString());
        Assert.Equal(86_400, data.GetProperty("windowSeconds").GetInt64());
        Assert.Equal([3d, 4d], data.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
    }

    [Fact]
    public async Task Metrics_need_the_admin_role()
    {
        var (player, _) = _factory.Player();
        using var anonymous = _factory.CreateClient();
        const string Url = "/api/v1/admin/analytics/metrics?metric=prestiges&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z";

        using var forbidden = await player.GetAsync(new Uri(Url, UriKind.Relative));
        using var unauthorized = await anonymous.GetAsync(new Uri(Url, UriKind.Relative));

        await forbidden.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        await unauthorized.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("metric=dau&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", HttpStatusCode.BadRequest, "ANALYTICS_UNKNOWN_METRIC")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", HttpStatusCode.BadRequest, "ANALYTICS_UNKNOWN_METRIC")]
    [InlineData("metric=prestiges&from=yesterday&to=2026-01-02T00:00:00Z", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_RANGE")]
    [InlineData("metric=prestiges&from=2026-01-01T00:00:00&to=2026-01-02T00:00:00Z", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_RANGE")]
    [InlineData("metric=prestiges&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_RANGE")]
    [InlineData("metric=prestiges&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_RANGE")]
    [InlineData("metric=prestiges&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&window=90s", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_WINDOW")]
    [InlineData("metric=prestiges&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&window=40d", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_WINDOW")]
    [InlineData("metric=retention_d1&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&window=1h", HttpStatusCode.BadRequest, "ANALYTICS_INVALID_WINDOW")]
    [InlineData("metric=wool_produced&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", HttpStatusCode.ServiceUnavailable, "ANALYTICS_UNAVAILABLE")]
    public async Task A_bad_metric_query_is_refused_with_a_stable_code(string query, HttpStatusCode status, string code)
    {
        var (client, _) = _factory.Player(admin: true);

        using var response = await client.GetAsync(new Uri("/api/v1/admin/analytics/metrics?" + query, UriKind.Relative));

        await response.ErrorAsync(status, code);
    }

    /// <summary>The gateway with the analytics worker stubbed: fixed variants and metric answers.</summary>
    public sealed class AnalyticsGatewayFactory : GatewayFactory
    {
        public AnalyticsGatewayFactory() => WithBus(x =>
        {
            x.AddHandler<GetExperimentAssignment>(c => c.Message.ExperimentId == "shop-layout"
                ? c.RespondAsync(new ExperimentAssignment(c.Message.ExperimentId, c.Message.PlayerId, "grid", DateTimeOffset.UnixEpoch, true))
                : c.RespondAsync(new ExperimentNotFound(c.Message.ExperimentId)));
            x.AddHandler<GetAnalyticsMetric>(MetricAsync);
        });

        private static Task MetricAsync(ConsumeContext<GetAnalyticsMetric> context)
        {
            var m = context.Message;
            if (m.Metric.StartsWith("retention", StringComparison.Ordinal) && m.WindowSeconds != 86_400)
            {
                return context.RespondAsync(new AnalyticsMetricRejected(AnalyticsErrorCodes.InvalidWindow, "1d only"));
            }

            return m.From.Year == 2000
                ? context.RespondAsync(new AnalyticsMetricRejected(AnalyticsErrorCodes.StoreUnavailable, "down"))
                : context.RespondAsync(new AnalyticsMetricSeries(m.Metric, m.From, m.To, m.WindowSeconds, [new(m.From, 3), new(m.From.AddSeconds(m.WindowSeconds), 4)]));
        }
    }
}
