using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Gateway.Api;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// Hostile input is refused at the gateway, in the envelope, before anything reaches the bus. No worker is stubbed:
/// a request that got through would time out as 503 instead of the 400 asserted here.
/// </summary>
public sealed class HostileInputTests : IClassFixture<HostileInputTests.BareGatewayFactory>
{
    private readonly BareGatewayFactory _factory;

    public HostileInputTests(BareGatewayFactory factory) => _factory = factory;

    [Theory]
    [InlineData("POST", "/api/v1/analytics/events", """{"events":[{"name":"session_start\ud800","timestamp":1}]}""")]
    [InlineData("PUT", "/api/v1/saves/current", """{"baseRevision":0,"save":{"schemaVersion":"1.0.0","playerId":"\ud800"}}""")]
    [InlineData("PATCH", "/api/v1/players/me", """{"displayName":"llama\ud800"}""")]
    [InlineData("POST", "/api/v1/game/actions", """{"type":"purchaseBuilding","target":"barn\udc00"}""")]
    [InlineData("PUT", "/api/v1/saves/current", """{"baseRevision":0,"save":{"settings":{"\ud800":1}}}""")]
    public async Task A_lone_surrogate_anywhere_in_a_json_body_is_400_and_reaches_no_worker(string method, string path, string body)
    {
        var (client, player) = _factory.Player();

        using var response = await SendAsync(client, method, path, body);

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.Contains("UTF-16", error.GetProperty("details").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        AssertNothingSentFor(player);
    }

    [Theory]
    [InlineData("""{"baseRevision":0,"save":{"upgrades":[],"upgrades":["x"]}}""")]
    [InlineData("""{"baseRevision":0,"baseRevision":1,"save":{}}""")]
    [InlineData("""{"baseRevision":0,"save":{"settings":{"a":{"b":1,"b":2}}}}""")]
    public async Task A_property_named_twice_in_one_object_is_400(string body)
    {
        var (client, player) = _factory.Player();

        using var response = await SendAsync(client, "PUT", "/api/v1/saves/current", body);

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.Contains("appears twice", error.GetProperty("details").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        AssertNothingSentFor(player);
    }

    [Fact]
    public async Task Nesting_past_64_levels_is_400_on_every_json_route()
    {
        var (client, player) = _factory.Player();
        var deep = new string('[', 5000) + new string(']', 5000);

        using var response = await SendAsync(client, "POST", "/api/v1/analytics/events", """{"events":{{deep}}}""");

        await response.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        AssertNothingSentFor(player);
    }

    [Fact]
    public async Task A_body_declared_in_another_charset_is_415()
    {
        var (client, player) = _factory.Player();
        using var content = new ByteArrayContent(Encoding.Unicode.GetBytes("""{"events":[]}"""));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-16");

        using var response = await client.PostAsync(new Uri("/api/v1/analytics/events", UriKind.Relative), content);

        await response.ErrorAsync(HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
        AssertNothingSentFor(player);
    }

    [Fact]
    public async Task An_admin_event_with_a_null_reward_row_is_400()
    {
        var (client, admin) = _factory.Player(admin: true);
        var body = """{"name":"Shear fest","type":"competition","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-02T00:00:00Z","rewards":[null]}""";

        using var response = await SendAsync(client, "POST", "/api/v1/admin/events", body);

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.True(error.GetProperty("details").TryGetProperty("rewards[0]", out _), error.ToString());
        Assert.False(_factory.Harness.Published.Select<CreateCompetitionEvent>(m => m.Context.Message.PlayerId == admin).Any());
    }

    [Fact]
    public async Task Delete_players_me_with_a_chunked_body_is_refused_like_one_with_a_content_length()
    {
        var (client, player) = _factory.Player();
        using var content = new ChunkedContent("""{"confirm":true}""");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/players/me") { Content = content };

        using var response = await client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        await response.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.False(_factory.Harness.Published.Select<RequestAccountDeletion>(m => m.Context.Message.PlayerId == player).Any());
    }

    [Theory]
    [InlineData("/api/v1/players/me/friends/..", true)]
    [InlineData("/api/v1/players/me/friends/%2e%2e", true)]
    [InlineData("/api/v1/players/me/friends/%2E.", true)]
    [InlineData("/api/v1/./players/me", true)]
    [InlineData("/api/v1/players/me?next=/../x", false)]
    [InlineData("/api/v1/players/me/friends/..a", false)]
    [InlineData("/api/v1/players/me/friends/%252e%252e", false)]
    public void Dot_segments_are_found_plain_or_encoded(string target, bool expected) =>
        Assert.Equal(expected, RequestTargetGuardMiddleware.HasDotSegment(target));

    [Fact]
    public async Task An_overlong_target_is_414_and_overlarge_headers_are_431_in_the_envelope()
    {
        var (client, _) = _factory.Player();

        using var longTarget = await client.GetAsync(new Uri("/api/v1/saves/history?x=" + new string('a', RequestTargetGuardMiddleware.MaxTargetLength), UriKind.Relative));
        using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, "/api/v1/saves/history");
        bigHeaders.Headers.Add("X-Padding", new string('b', RequestTargetGuardMiddleware.MaxHeaderBytes));
        using var largeHeaders = await client.SendAsync(bigHeaders);

        await longTarget.ErrorAsync(HttpStatusCode.RequestUriTooLong, ErrorCodes.UriTooLong);
        await largeHeaders.ErrorAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, ErrorCodes.HeadersTooLarge);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        return await client.SendAsync(request);
    }

    private void AssertNothingSentFor(Guid player)
    {
        Assert.False(_factory.Harness.Published.Select<UploadSave>(m => m.Context.Message.PlayerId == player).Any());
        Assert.False(_factory.Harness.Published.Select<UpdateProfile>(m => m.Context.Message.PlayerId == player).Any());
        Assert.False(_factory.Harness.Sent.Select<RecordClientEvents>(m => m.Context.Message.PlayerId == player).Any());
    }

    /// <summary>A JSON body of unknown length: it goes out chunked, without Content-Length.</summary>
    public sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedContent(string json)
        {
            _body = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    /// <summary>The gateway with no worker behind it.</summary>
    public sealed class BareGatewayFactory : GatewayFactory
    {
        public BareGatewayFactory() => WithLooseRateLimits();
    }
}
