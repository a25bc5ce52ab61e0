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
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
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
    public async Task Failures_across_many_accounts_from_one_address_do_not_lock_out_a_player_who_signed_in_there_before()
    {
        using var client = _factory.CreateClient();
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var email = SessionFlowTests.NewEmail();
        await SessionFlowTests.RegisterAsync(client, email);
        using (var first = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" }))
        {
            await first.DataAsync(HttpStatusCode.OK);
        }

        var refusals = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = SessionFlowTests.NewEmail(), password = "wrong password!" });
            refusals.Add(wrong.StatusCode);
        }

        using var known = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });

        Assert.Contains(HttpStatusCode.TooManyRequests, refusals);
        await known.DataAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_address_past_its_free_failures_waits_a_growing_capped_delay_and_then_a_new_player_signs_in()
    {
        using var client = _factory.CreateClient();
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var email = SessionFlowTests.NewEmail();
        await SessionFlowTests.RegisterAsync(client, email);

        for (var i = 0; i < 7; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = SessionFlowTests.NewEmail(), password = "wrong password!" });
            await wrong.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        var waits = new List<int>();
        foreach (var expected in new[] { 10, 20, 30, 30 })
        {
            using var waiting = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });
            await waiting.ErrorAsync(HttpStatusCode.TooManyRequests, "TOO_MANY_ATTEMPTS");
            waits.Add(int.Parse(waiting.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
            _factory.Clock.Advance(TimeSpan.FromSeconds(expected));
            if (waits.Count < 4)
            {
                using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = SessionFlowTests.NewEmail(), password = "wrong password!" });
                await wrong.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
            }
        }

        using var after = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });

        Assert.Equal([10, 20, 30, 30], waits);
        await after.DataAsync(HttpStatusCode.OK);
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
