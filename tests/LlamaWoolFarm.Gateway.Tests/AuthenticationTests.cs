using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class AuthenticationTests : IClassFixture<GuestGatewayFactory>
{
    private readonly GuestGatewayFactory _factory;

    public AuthenticationTests(GuestGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task A_new_device_gets_201_with_a_token_naming_its_player()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "device-0001-new" });

        var data = await response.DataAsync(HttpStatusCode.Created);
        Assert.Equal(GatewayFactory.DeterministicId("device-0001-new"), data.GetProperty("playerId").GetGuid());
        Assert.Equal("Bearer", data.GetProperty("tokenType").GetString());
        Assert.Equal(900, data.GetProperty("expiresIn").GetInt32());
        var token = new JsonWebTokenHandler().ReadJsonWebToken(data.GetProperty("accessToken").GetString());
        Assert.Equal(data.GetProperty("playerId").GetGuid().ToString(), token.Subject);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    [InlineData("ctrl\u0001char-device")]
    public async Task A_bad_device_id_is_refused_and_no_account_is_asked_for(string deviceId)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId });

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty("deviceId", out _));
    }

    [Fact]
    public async Task Without_a_token_the_game_answers_401_in_the_envelope()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/game/state", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("garbage")]
    public async Task A_token_that_is_not_valid_is_refused(string kind)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(kind));

        using var response = await client.GetAsync(new Uri("/api/v1/game/state", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_health_endpoints_need_no_token()
    {
        using var client = _factory.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static string Token(string kind)
    {
        if (kind == "garbage")
        {
            return "not.a.token";
        }

        var key = kind == "forged"
            ? new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64))
            : new SymmetricSecurityKey(Convert.FromBase64String(GatewayFactory.SigningKeyForTests));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = kind == "wrong-issuer" ? "someone-else" : "llamawoolfarm",
            Audience = kind == "wrong-audience" ? "someone-else" : "llamawoolfarm",
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("role", "player")]),
            IssuedAt = kind == "expired" ? now.AddHours(-2) : now,
            NotBefore = kind == "expired" ? now.AddHours(-2) : now,
            Expires = kind == "expired" ? now.AddHours(-1) : now.AddMinutes(15),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
