using System.Net;
using System.Text;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Api;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class IdempotencyTests : IClassFixture<IdempotencyGatewayFactory>
{
    private readonly IdempotencyGatewayFactory _factory;

    public IdempotencyTests(IdempotencyGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task A_repeated_post_gets_the_first_answer_again_and_the_command_is_sent_once()
    {
        var (client, playerId) = _factory.Player();

        using var first = await PostAsync(client, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":3}", "click-1");
        using var repeat = await PostAsync(client, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":3}", "click-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues(IdempotencyMiddleware.ReplayedHeaderName)));
        var commandId = (await first.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
        Assert.True(await _factory.Harness.Sent.Any<SubmitClicks>(s => s.Context.Message.CommandId == commandId));
        Assert.Single(_factory.Harness.Sent.Select<SubmitClicks>(s => s.Context.Message.PlayerId == playerId));
    }

    [Fact]
    public async Task The_same_key_with_another_body_or_route_is_refused_and_nothing_more_is_sent()
    {
        var (client, playerId) = _factory.Player();
        using var first = await PostAsync(client, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":3}", "shared-key");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var otherBody = await PostAsync(client, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":4}", "shared-key");
        using var otherRoute = await PostAsync(client, "/api/v1/game/offline/claim", "{}", "shared-key");

        await otherBody.ErrorAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        await otherRoute.ErrorAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        Assert.True(await _factory.Harness.Sent.Any<SubmitClicks>(s => s.Context.Message.PlayerId == playerId));
        Assert.Single(_factory.Harness.Sent.Select<SubmitClicks>(s => s.Context.Message.PlayerId == playerId));
        Assert.False(_factory.Harness.Sent.Select<ClaimOfflineProgress>(s => s.Context.Message.PlayerId == playerId).Any());
    }

    [Fact]
    public async Task Keys_belong_to_their_player()
    {
        var (alice, _) = _factory.Player();
        var (bob, bobId) = _factory.Player();
        using var first = await PostAsync(alice, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":1}", "same-key");

        using var other = await PostAsync(bob, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":1}", "same-key");

        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.False(other.Headers.Contains(IdempotencyMiddleware.ReplayedHeaderName));
        Assert.True(await _factory.Harness.Sent.Any<SubmitClicks>(s => s.Context.Message.PlayerId == bobId));
    }

    [Fact]
    public async Task A_duplicate_while_the_first_runs_is_409_and_later_gets_the_first_answer()
    {
        var (client, _) = _factory.Player();
        _factory.ResetSlow();
        var callsBefore = _factory.AddFriendCalls;
        var running = PostAsync(client, "/api/v1/players/me/friends", "{\"friendCode\":\"SLOWSLOW\"}", "befriend-1");
        // The worker was asked, so the first request holds the key.
        await Poll.UntilAsync(() => _factory.AddFriendCalls > callsBefore, TimeSpan.FromSeconds(10));

        using var duplicate = await PostAsync(client, "/api/v1/players/me/friends", "{\"friendCode\":\"SLOWSLOW\"}", "befriend-1");
        await duplicate.ErrorAsync(HttpStatusCode.Conflict, ErrorCodes.IdempotencyKeyInUse);
        Assert.Equal("1", Assert.Single(duplicate.Headers.GetValues("Retry-After")));
        _factory.ReleaseSlow();
        using var first = await running;
        using var later = await PostAsync(client, "/api/v1/players/me/friends", "{\"friendCode\":\"SLOWSLOW\"}", "befriend-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await later.Content.ReadAsStringAsync());
        Assert.Equal(callsBefore + 1, _factory.AddFriendCalls);
    }

    [Fact]
    public async Task A_server_error_is_not_kept_so_a_retry_with_the_key_runs_again()
    {
        var (client, _) = _factory.Player();
        var callsBefore = _factory.AddFriendCalls;

        using var failed = await PostAsync(client, "/api/v1/players/me/friends", "{\"friendCode\":\"FAILONCE\"}", "befriend-2");
        using var retried = await PostAsync(client, "/api/v1/players/me/friends", "{\"friendCode\":\"FAILONCE\"}", "befriend-2");

        Assert.True((int)failed.StatusCode >= 500, failed.StatusCode.ToString());
        var data = await retried.DataAsync(HttpStatusCode.OK);
        Assert.Equal("FAILONCE", data.GetProperty("friends")[0].GetProperty("displayName").GetString());
        Assert.Equal(callsBefore + 2, _factory.AddFriendCalls);
    }

    [Theory]
    [InlineData("del\u007f")]
    [InlineData("tab\tinside")]
    [InlineData("clé")]
    [InlineData("k101")]
    public async Task A_key_that_is_not_1_to_100_printable_ascii_characters_is_refused(string key)
    {
        var (client, playerId) = _factory.Player();
        key = key == "k101" ? new string('k', 101) : key;

        using var response = await PostAsync(client, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":1}", key);

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationError);
        Assert.True(error.GetProperty("details").TryGetProperty(IdempotencyMiddleware.HeaderName, out _), error.ToString());
        Assert.False(_factory.Harness.Sent.Select<SubmitClicks>(s => s.Context.Message.PlayerId == playerId).Any());
    }

    [Fact]
    public async Task A_key_of_100_printable_characters_is_accepted()
    {
        var (client, _) = _factory.Player();

        using var response = await PostAsync(client, "/api/v1/game/actions", "{\"type\":\"click\",\"quantity\":1}", "~ !" + new string('z', 97));

        await response.DataAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Session_routes_ignore_the_key_because_their_answers_carry_tokens()
    {
        var client = _factory.CreateClient();

        using var first = await PostAsync(client, "/api/v1/auth/guest", "{\"deviceId\":\"idempotency-device-1\"}", "guest-key");
        using var second = await PostAsync(client, "/api/v1/auth/guest", "{\"deviceId\":\"idempotency-device-2\"}", "guest-key");

        var a = await first.DataAsync(HttpStatusCode.OK);
        var b = await second.DataAsync(HttpStatusCode.OK);
        Assert.NotEqual(a.GetProperty("playerId").GetGuid(), b.GetProperty("playerId").GetGuid());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.HeaderName, key);
        return client.SendAsync(request);
    }
}

/// <summary>Waits for a condition by polling it until a deadline.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold before the deadline.");
            await Task.Delay(20);
        }
    }
}
