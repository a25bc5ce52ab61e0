using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LlamaWoolFarm.Contracts.Game;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class GameActionsTests : IClassFixture<GatewayFactory>
{
    private readonly GatewayFactory _factory;

    public GameActionsTests(GatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task A_valid_click_is_sent_to_the_game_worker_as_the_tokens_player_and_answered_202()
    {
        var (client, playerId) = await GuestAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 4 });

        var data = await response.DataAsync(HttpStatusCode.Accepted);
        var commandId = data.GetProperty("commandId").GetGuid();
        Assert.True(await _factory.Harness.Sent.Any<SubmitClicks>(s => s.Context.Message.CommandId == commandId));
        var sent = _factory.Harness.Sent.Select<SubmitClicks>(s => s.Context.Message.CommandId == commandId).Single().Context.Message;
        Assert.Equal(playerId, sent.PlayerId);
        Assert.Equal(4, sent.Quantity);
    }

    [Fact]
    public async Task The_same_idempotency_key_names_the_same_command()
    {
        var (client, _) = await GuestAsync();

        var first = await PostWithKeyAsync(client, "key-1");
        var second = await PostWithKeyAsync(client, "key-1");
        var third = await PostWithKeyAsync(client, "key-2");

        Assert.Equal(first, second);
        Assert.NotEqual(first, third);
    }

    [Theory]
    [InlineData("{\"type\":\"click\",\"quantity\":0}", "quantity")]
    [InlineData("{\"type\":\"click\",\"quantity\":101}", "quantity")]
    [InlineData("{\"type\":\"click\",\"quantity\":-5}", "quantity")]
    [InlineData("{\"type\":\"click\"}", "quantity")]
    [InlineData("{\"type\":\"teleport\",\"quantity\":1}", "type")]
    [InlineData("{\"quantity\":1}", "type")]
    [InlineData("{\"type\":\"click\",\"quantity\":\"lots\"}", "quantity")]
    [InlineData("{\"type\":\"click\",\"quantity\":1e400}", "quantity")]
    [InlineData("{\"type\":\"click\",\"quantity\":2.5}", "quantity")]
    [InlineData("{\"type\":\"click\",\"quantity\":1", "body")]
    [InlineData("[1,2,3]", "body")]
    public async Task A_bad_action_is_refused_with_the_field_named_and_nothing_is_sent(string json, string field)
    {
        var (client, playerId) = await GuestAsync();

        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Sent.Select<SubmitClicks>(s => s.Context.Message.PlayerId == playerId).Any());
    }

    [Fact]
    public async Task An_empty_body_is_refused()
    {
        var (client, _) = await GuestAsync();

        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent(string.Empty, Encoding.UTF8, "application/json"));

        await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        var (client, _) = await GuestAsync();

        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent("click", Encoding.UTF8, "text/plain"));

        await response.ErrorAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_refused()
    {
        var (client, _) = await GuestAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", new string('k', 129));

        using var response = await client.SendAsync(request);

        await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task The_state_is_answered_by_the_game_worker_in_the_envelope()
    {
        var (client, playerId) = await GuestAsync();

        using var response = await client.GetAsync(new Uri("/api/v1/game/state", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(playerId, data.GetProperty("playerId").GetGuid());
        Assert.Equal("12.5", data.GetProperty("woolCounts").GetProperty("basic").GetString());
    }

    [Fact]
    public async Task Framework_answers_are_enveloped_too()
    {
        var (client, _) = await GuestAsync();

        using var notFound = await client.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));
        using var wrongMethod = await client.DeleteAsync(new Uri("/api/v1/game/state", UriKind.Relative));

        await notFound.ErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await wrongMethod.ErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    private async Task<(HttpClient Client, Guid PlayerId)> GuestAsync()
    {
        var client = _factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "device-" + Guid.NewGuid().ToString("N") });
        var data = await response.DataAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", data.GetProperty("accessToken").GetString());
        return (client, data.GetProperty("playerId").GetGuid());
    }

    private static async Task<Guid> PostWithKeyAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (await response.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
    }
}
