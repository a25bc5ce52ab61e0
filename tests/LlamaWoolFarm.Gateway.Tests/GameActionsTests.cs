using System.Net;
using System.Net.Http.Json;
using System.Text;
using LlamaWoolFarm.Contracts.Game;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class GameActionsTests : IClassFixture<GuestGatewayFactory>
{
    private readonly GuestGatewayFactory _factory;

    public GameActionsTests(GuestGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task A_valid_click_is_sent_to_the_game_worker_as_the_tokens_player_and_answered_202()
    {
        var (client, playerId) = _factory.Player();

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
        var (client, _) = _factory.Player();

        var first = await PostWithKeyAsync(client, "key-1");
        var second = await PostWithKeyAsync(client, "key-1");
        var third = await PostWithKeyAsync(client, "key-2");

        Assert.Equal(first, second);
        Assert.NotEqual(first, third);
    }

    [Theory]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn\",\"quantity\":5}", "barn", 5)]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"timeMachine\"}", "timeMachine", 1)]
    public async Task A_building_purchase_is_sent_as_PurchaseBuilding(string json, string building, int quantity)
    {
        var (client, playerId) = _factory.Player();

        var commandId = await PostAsync(client, json);

        Assert.True(await _factory.Harness.Sent.Any<PurchaseBuilding>(s => s.Context.Message.CommandId == commandId));
        var sent = _factory.Harness.Sent.Select<PurchaseBuilding>(s => s.Context.Message.CommandId == commandId).Single().Context.Message;
        Assert.Equal((playerId, building, quantity), (sent.PlayerId, sent.BuildingId, sent.Quantity));
        Assert.NotNull(sent.IssuedAt);
    }

    [Fact]
    public async Task An_upgrade_purchase_is_sent_as_PurchaseUpgrade()
    {
        var (client, playerId) = _factory.Player();

        var commandId = await PostAsync(client, "{\"type\":\"purchaseUpgrade\",\"target\":\"click_power_1\"}");

        Assert.True(await _factory.Harness.Sent.Any<PurchaseUpgrade>(s => s.Context.Message.CommandId == commandId));
        var sent = _factory.Harness.Sent.Select<PurchaseUpgrade>(s => s.Context.Message.CommandId == commandId).Single().Context.Message;
        Assert.Equal((playerId, "click_power_1"), (sent.PlayerId, sent.UpgradeId));
    }

    [Fact]
    public async Task A_prestige_is_sent_as_PerformPrestige()
    {
        var (client, playerId) = _factory.Player();

        var commandId = await PostAsync(client, "{\"type\":\"prestige\"}");

        Assert.True(await _factory.Harness.Sent.Any<PerformPrestige>(s => s.Context.Message.CommandId == commandId));
        Assert.Equal(playerId, _factory.Harness.Sent.Select<PerformPrestige>(s => s.Context.Message.CommandId == commandId).Single().Context.Message.PlayerId);
    }

    [Theory]
    [InlineData("{\"type\":\"purchaseBuilding\"}", "target")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"\"}", "target")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn; drop\"}", "target")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn\",\"quantity\":0}", "quantity")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn\",\"quantity\":101}", "quantity")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn\",\"quantity\":-1}", "quantity")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn\",\"quantity\":1e400}", "quantity")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn\",\"quantity\":\"NaN\"}", "quantity")]
    [InlineData("{\"type\":\"purchaseBuilding\",\"target\":\"barn\",\"quantity\":99999999999}", "quantity")]
    [InlineData("{\"type\":\"purchaseUpgrade\"}", "target")]
    [InlineData("{\"type\":\"purchaseUpgrade\",\"target\":\"click_power_1\",\"quantity\":2}", "quantity")]
    [InlineData("{\"type\":\"prestige\",\"target\":\"barn\"}", "target")]
    [InlineData("{\"type\":\"prestige\",\"quantity\":3}", "quantity")]
    [InlineData("{\"type\":\"click\",\"target\":\"barn\",\"quantity\":1}", "target")]
    public async Task A_bad_purchase_or_prestige_is_refused_with_the_field_named_and_nothing_is_sent(string json, string field)
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Sent.Select<PurchaseBuilding>(s => s.Context.Message.PlayerId == playerId).Any());
        Assert.False(_factory.Harness.Sent.Select<PurchaseUpgrade>(s => s.Context.Message.PlayerId == playerId).Any());
        Assert.False(_factory.Harness.Sent.Select<PerformPrestige>(s => s.Context.Message.PlayerId == playerId).Any());
        Assert.False(_factory.Harness.Sent.Select<SubmitClicks>(s => s.Context.Message.PlayerId == playerId).Any());
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
        var (client, playerId) = _factory.Player();

        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _), error.ToString());
        Assert.False(_factory.Harness.Sent.Select<SubmitClicks>(s => s.Context.Message.PlayerId == playerId).Any());
    }

    [Fact]
    public async Task An_empty_body_is_refused()
    {
        var (client, _) = _factory.Player();

        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent(string.Empty, Encoding.UTF8, "application/json"));

        await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        var (client, _) = _factory.Player();

        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent("click", Encoding.UTF8, "text/plain"));

        await response.ErrorAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task An_overlong_idempotency_key_is_refused()
    {
        var (client, _) = _factory.Player();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", new string('k', 129));

        using var response = await client.SendAsync(request);

        await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task The_state_is_answered_by_the_game_worker_in_the_envelope()
    {
        var (client, playerId) = _factory.Player();

        using var response = await client.GetAsync(new Uri("/api/v1/game/state", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(playerId, data.GetProperty("playerId").GetGuid());
        Assert.Equal("12.5", data.GetProperty("woolCounts").GetProperty("basic").GetString());
    }

    [Fact]
    public async Task Framework_answers_are_enveloped_too()
    {
        var (client, _) = _factory.Player();

        using var notFound = await client.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));
        using var wrongMethod = await client.DeleteAsync(new Uri("/api/v1/game/state", UriKind.Relative));

        await notFound.ErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await wrongMethod.ErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    private static async Task<Guid> PostAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync(new Uri("/api/v1/game/actions", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        return (await response.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
    }

    private static async Task<Guid> PostWithKeyAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (await response.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
    }
}
