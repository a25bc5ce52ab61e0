using System.Net;
using System.Net.Http.Json;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Leaderboards;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class EventsEndpointsTests : IClassFixture<EventsGatewayFactory>
{
    private static readonly DateTimeOffset Start = EventsGatewayFactory.Start;

    private readonly EventsGatewayFactory _factory;

    public EventsEndpointsTests(EventsGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task Active_events_are_the_running_and_upcoming_ones_of_the_leaderboards_worker()
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/events/active", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        var running = Assert.Single(data.GetProperty("running").EnumerateArray());
        Assert.Equal((EventsGatewayFactory.KnownEvent, "double_wool", "running"), (running.GetProperty("eventId").GetGuid(), running.GetProperty("type").GetString(), running.GetProperty("status").GetString()));
        var upcoming = Assert.Single(data.GetProperty("upcoming").EnumerateArray());
        Assert.Equal(100, upcoming.GetProperty("rewards")[0].GetProperty("goldenFleece").GetInt64());
        Assert.True(_factory.Harness.Consumed.Select<GetActiveEvents>(m => m.Context.Message.PlayerId == playerId).Any());
    }

    [Fact]
    public async Task An_event_board_is_asked_with_the_tokens_player_and_the_paging()
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri($"/api/v1/events/{EventsGatewayFactory.KnownEvent}/leaderboard?limit=20&offset=40", UriKind.Relative));
        using var defaults = await client.GetAsync(new Uri($"/api/v1/events/{EventsGatewayFactory.KnownEvent}/leaderboard", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(41, data.GetProperty("entries")[0].GetProperty("rank").GetInt64());
        await defaults.DataAsync(HttpStatusCode.OK);
        // The harness records a consumed message after its consumer returned, which can be after the HTTP answer.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_factory.Harness.Consumed.Select<GetEventLeaderboard>(m => m.Context.Message.PlayerId == playerId).Count() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var asked = _factory.Harness.Consumed.Select<GetEventLeaderboard>(m => m.Context.Message.PlayerId == playerId).Select(m => m.Context.Message).ToList();
        Assert.Equal([(0L, 50), (40L, 20)], asked.Select(a => (a.Offset, a.Limit)).Order());
        Assert.All(asked, a => Assert.Equal(EventsGatewayFactory.KnownEvent, a.EventId));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Bad_paging_of_an_event_board_is_refused_with_the_field_named_and_nothing_is_asked(string query, string field)
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri($"/api/v1/events/{EventsGatewayFactory.KnownEvent}/leaderboard?{query}", UriKind.Relative));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Consumed.Select<GetEventLeaderboard>(m => m.Context.Message.PlayerId == playerId).Any());
    }

    [Fact]
    public async Task An_unknown_event_is_404_with_a_stable_code()
    {
        var (client, _) = _factory.Player();

        using var unknown = await client.GetAsync(new Uri($"/api/v1/events/{Guid.NewGuid()}/leaderboard", UriKind.Relative));
        using var malformed = await client.GetAsync(new Uri("/api/v1/events/not-an-id/leaderboard", UriKind.Relative));

        await unknown.ErrorAsync(HttpStatusCode.NotFound, LeaderboardErrorCodes.UnknownEvent);
        await malformed.ErrorAsync(HttpStatusCode.NotFound, LeaderboardErrorCodes.UnknownEvent);
    }

    [Fact]
    public async Task An_admin_creates_an_event_with_its_rewards_by_rank()
    {
        var (client, adminId) = _factory.Player(admin: true);

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/admin/events", UriKind.Relative), Body("Harvest cup", "competition", Start, Start.AddDays(1), [new { fromRank = 1, toRank = 1, goldenFleece = 100 }, new { fromRank = 2, toRank = 10, goldenFleece = 10 }]));

        var data = await response.DataAsync(HttpStatusCode.Created);
        var sent = _factory.Harness.Consumed.Select<CreateCompetitionEvent>(m => m.Context.Message.PlayerId == adminId).Single().Context.Message;
        Assert.Equal(sent.CommandId, data.GetProperty("eventId").GetGuid());
        Assert.Equal(("Harvest cup", "competition", Start, Start.AddDays(1)), (sent.Name, sent.Type, sent.StartsAt, sent.EndsAt));
        Assert.Equal([new EventReward(1, 1, 100), new EventReward(2, 10, 10)], sent.Rewards);
        Assert.Equal("scheduled", data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Creating_an_event_needs_the_admin_role()
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/admin/events", UriKind.Relative), Body("Mine", "double_wool", Start, Start.AddHours(1), []));

        await response.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.False(_factory.Harness.Consumed.Select<CreateCompetitionEvent>(m => m.Context.Message.PlayerId == playerId).Any());
    }

    [Theory]
    [InlineData("Sale", "mega_sale", "type")]
    [InlineData("", "building_sale", "name")]
    [InlineData("Sale", null, "type")]
    public async Task A_bad_event_body_is_refused_with_the_field_named_and_nothing_is_created(string name, string? type, string field)
    {
        var (client, adminId) = _factory.Player(admin: true);

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/admin/events", UriKind.Relative), Body(name, type, Start, Start.AddHours(1), []));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Consumed.Select<CreateCompetitionEvent>(m => m.Context.Message.PlayerId == adminId).Any());
    }

    [Fact]
    public async Task Missing_times_and_incomplete_reward_rows_are_named()
    {
        var (client, adminId) = _factory.Player(admin: true);

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/admin/events", UriKind.Relative), new { name = "Sale", type = "building_sale", rewards = new[] { new { fromRank = 1 } } });

        var details = (await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR")).GetProperty("details");
        Assert.True(details.TryGetProperty("startsAt", out _), details.ToString());
        Assert.True(details.TryGetProperty("endsAt", out _), details.ToString());
        Assert.Contains(details.EnumerateObject(), p => p.Name.StartsWith("rewards[0]", StringComparison.Ordinal) && p.Name.EndsWith("ToRank", StringComparison.Ordinal));
        Assert.Contains(details.EnumerateObject(), p => p.Name.StartsWith("rewards[0]", StringComparison.Ordinal) && p.Name.EndsWith("GoldenFleece", StringComparison.Ordinal));
        Assert.False(_factory.Harness.Consumed.Select<CreateCompetitionEvent>(m => m.Context.Message.PlayerId == adminId).Any());
    }

    [Fact]
    public async Task An_event_ending_before_it_starts_is_400_INVALID_EVENT()
    {
        var (client, _) = _factory.Player(admin: true);

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/admin/events", UriKind.Relative), Body("Backwards", "double_wool", Start, Start.AddHours(-1), []));

        await response.ErrorAsync(HttpStatusCode.BadRequest, LeaderboardErrorCodes.InvalidEvent);
    }

    [Fact]
    public async Task An_overlapping_event_of_the_same_type_is_409_OVERLAPPING_EVENT()
    {
        var (client, _) = _factory.Player(admin: true);

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/admin/events", UriKind.Relative), Body("Clash", "double_wool", Start, Start.AddHours(1), []));

        await response.ErrorAsync(HttpStatusCode.Conflict, LeaderboardErrorCodes.OverlappingEvent);
    }

    [Fact]
    public async Task The_same_idempotency_key_names_the_same_event()
    {
        var (client, adminId) = _factory.Player(admin: true);
        var body = Body("Twice", "autumn_harvest", Start, Start.AddHours(1), []);

        var first = await PostAsync(client, body, "key-1");
        var again = await PostAsync(client, body, "key-1");
        var other = await PostAsync(client, body, "key-2");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        // The gateway answers the repeated key itself; what reaches the worker carries the key's command id as event id.
        // The harness records a consumed message after its consumer returns, which can be after the answer arrived.
        Assert.True(await _factory.Harness.Consumed.Any<CreateCompetitionEvent>(m => m.Context.Message.CommandId == other));
        var sent = _factory.Harness.Consumed.Select<CreateCompetitionEvent>(m => m.Context.Message.PlayerId == adminId).Select(m => m.Context.Message.CommandId).ToList();
        Assert.Equal([first, other], sent);
    }

    private static object Body(string name, string? type, DateTimeOffset startsAt, DateTimeOffset endsAt, object[] rewards) =>
        new { name, type, startsAt, endsAt, rewards };

    private static async Task<Guid> PostAsync(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/admin/events", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (await response.DataAsync(HttpStatusCode.Created)).GetProperty("eventId").GetGuid();
    }
}
