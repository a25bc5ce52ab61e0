using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>Brute-force lockout and request rate limits, on small limits.</summary>
public sealed class ThrottlingTests : IClassFixture<StrictLimitsGatewayFactory>
{
    private readonly StrictLimitsGatewayFactory _factory;

    public ThrottlingTests(StrictLimitsGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task An_account_is_locked_after_its_failures_even_for_the_right_password_until_the_window_ends()
    {
        using var client = _factory.CreateClient();
        var email = SessionFlowTests.NewEmail();
        await SessionFlowTests.RegisterAsync(client, email);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong password!" });
            await wrong.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        using var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });
        await locked.ErrorAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_ATTEMPTS");
        Assert.InRange(int.Parse(locked.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 15 * 60);

        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        using var after = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });
        await after.DataAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_address_is_locked_after_failures_across_many_accounts()
    {
        using var client = _factory.CreateClient();
        var email = SessionFlowTests.NewEmail();
        await SessionFlowTests.RegisterAsync(client, email);
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));

        for (var i = 0; i < 6; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = SessionFlowTests.NewEmail(), password = "wrong password!" });
            await wrong.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        using var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });
        await locked.ErrorAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_ATTEMPTS");
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task A_player_over_its_rate_limit_gets_429_with_retry_after_in_the_envelope()
    {
        using var client = _factory.CreateClient();
        // On the real clock: the lockout tests move this factory's clock ahead, past the bearer handler's own.
        var signing = _factory.Services.GetRequiredService<ServiceDefaults.Auth.TokenSigning>();
        var token = new Auth.AccessTokenIssuer(signing, TimeProvider.System).Issue(Guid.NewGuid(), ["player"]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 7; i++)
        {
            var response = await client.GetAsync(new Uri("/api/v1/players/me/friends", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
                break;
            }

            response.Dispose();
        }

        Assert.NotNull(limited);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        await limited.ErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(limited.Headers.RetryAfter);
        limited.Dispose();
    }
}
