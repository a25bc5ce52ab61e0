using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LlamaWoolFarm.Contracts.Game;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class GameConfigTests : IClassFixture<GameGatewayFactory>
{
    private readonly GameGatewayFactory _factory;

    public GameConfigTests(GameGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task The_config_is_the_game_workers_catalog_served_as_json_in_the_envelope()
    {
        using var client = await GuestAsync(_factory);

        using var response = await client.GetAsync(new Uri("/api/v1/game/config", UriKind.Relative));

        var data = await response.DataAsync(HttpStatusCode.OK);
        Assert.Equal(1, data.GetProperty("rulesVersion").GetInt32());
        Assert.Equal("10", data.GetProperty("buildings")[0].GetProperty("baseCost").GetString());
        Assert.True(await _factory.Harness.Published.Any<GetGameConfig>());
        Assert.Contains("max-age=300", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_needs_a_token()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/game/config", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    internal static async Task<HttpClient> GuestAsync(GameGatewayFactory factory, string? deviceId = null)
    {
        var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = deviceId ?? "device-" + Guid.NewGuid().ToString("N") });
        var data = await response.DataAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", data.GetProperty("accessToken").GetString());
        return client;
    }
}
