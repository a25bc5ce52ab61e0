using System.Net;
using LlamaWoolFarm.Contracts.Game;
using MassTransit.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class OfflineProgressTests : IClassFixture<GameGatewayFactory>
{
    private readonly GameGatewayFactory _factory;

    public OfflineProgressTests(GameGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task The_pending_offline_gains_are_answered_for_the_tokens_player()
    {
        var (client, playerId) = await PlayerAsync(odd: true);

        using var response = await client.GetAsync(new Uri("/api/v1/game/offline", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(playerId, data.GetProperty("playerId").GetGuid());
        Assert.True(data.GetProperty("pending").GetBoolean());
        Assert.Equal(3480, data.GetProperty("offlineSeconds").GetDouble());
        Assert.Equal("2784", data.GetProperty("woolEarned").GetProperty("basic").GetString());
    }

    [Fact]
    public async Task Nothing_pending_is_an_answer_not_an_error()
    {
        var (client, _) = await PlayerAsync(odd: false);

        using var response = await client.GetAsync(new Uri("/api/v1/game/offline", UriKind.Relative));

        Assert.False((await response.DataAsync(HttpStatusCode.OK)).GetProperty("pending").GetBoolean());
    }

    [Fact]
    public async Task A_claim_is_sent_to_the_game_worker_and_a_retried_claim_names_the_same_command()
    {
        var (client, playerId) = await PlayerAsync(odd: true);

        var first = await ClaimAsync(client, "claim-1");
        var retried = await ClaimAsync(client, "claim-1");
        var other = await ClaimAsync(client, null);

        Assert.Equal(first, retried);
        Assert.NotEqual(first, other);
        Assert.True(await _factory.Harness.Sent.Any<ClaimOfflineProgress>(s => s.Context.Message.CommandId == first));
        var sent = _factory.Harness.Sent.Select<ClaimOfflineProgress>(s => s.Context.Message.CommandId == first).First().Context.Message;
        Assert.Equal(playerId, sent.PlayerId);
        Assert.NotNull(sent.IssuedAt);
    }

    [Fact]
    public async Task A_claim_with_an_overlong_idempotency_key_is_refused_and_nothing_is_sent()
    {
        var (client, playerId) = await PlayerAsync(odd: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/offline/claim");
        request.Headers.Add("Idempotency-Key", new string('k', 129));

        using var response = await client.SendAsync(request);

        await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.False(_factory.Harness.Sent.Select<ClaimOfflineProgress>(s => s.Context.Message.PlayerId == playerId).Any());
    }

    private static async Task<Guid> ClaimAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/offline/claim");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await client.SendAsync(request);
        return (await response.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
    }

    /// <summary>A guest whose id the stub treats as having offline gains (odd) or not (even).</summary>
    private async Task<(HttpClient Client, Guid PlayerId)> PlayerAsync(bool odd)
    {
        while (true)
        {
            var deviceId = "device-" + Guid.NewGuid().ToString("N");
            var playerId = GatewayFactory.DeterministicId(deviceId);
            if (playerId.ToByteArray()[0] % 2 == (odd ? 1 : 0))
            {
                return (await GameConfigTests.GuestAsync(_factory, deviceId), playerId);
            }
        }
    }
}
