using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Workers.Accounts.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>Every auth path over HTTP, with the real accounts worker behind the gateway.</summary>
public sealed class SessionFlowTests : IClassFixture<AuthGatewayFactory>
{
    private const string Password = "correct horse battery";

    private readonly AuthGatewayFactory _factory;

    public SessionFlowTests(AuthGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task Register_answers_201_with_an_access_and_a_refresh_token_that_work()
    {
        using var client = _factory.CreateClient();

        var session = await RegisterAsync(client, NewEmail());

        Assert.Equal(900, session.GetProperty("expiresIn").GetInt32());
        Assert.InRange(session.GetProperty("refreshExpiresIn").GetInt32(), 30 * 86400 - 5, 30 * 86400);
        using var me = await Authorized(client, session).GetAsync(new Uri("/api/v1/players/me", UriKind.Relative));
        var profile = await me.DataAsync(HttpStatusCode.OK);
        Assert.Equal(session.GetProperty("playerId").GetGuid(), profile.GetProperty("playerId").GetGuid());
        Assert.False(profile.GetProperty("isGuest").GetBoolean());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_is_401_invalid_credentials()
    {
        using var client = _factory.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong password!" });

        await response.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Theory]
    [InlineData("not-an-email", Password, "email")]
    [InlineData("ok@example.org", "short", "password")]
    public async Task A_malformed_registration_is_400_with_the_field(string email, string password, string field)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password });

        var error = await response.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_duplicate_email_is_409()
    {
        using var client = _factory.CreateClient();
        var email = NewEmail();
        await RegisterAsync(client, email);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = Password });

        await response.ErrorAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN");
    }

    [Fact]
    public async Task Refresh_rotates_and_reusing_the_old_token_revokes_the_family()
    {
        using var client = _factory.CreateClient();
        var first = await RegisterAsync(client, NewEmail());

        var second = await RefreshAsync(client, first, HttpStatusCode.OK);
        var reuse = await RefreshRawAsync(client, first);
        var successor = await RefreshRawAsync(client, second);

        Assert.NotEqual(first.GetProperty("refreshToken").GetString(), second.GetProperty("refreshToken").GetString());
        await reuse.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await successor.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task After_logout_the_refresh_token_is_refused()
    {
        using var client = _factory.CreateClient();
        var session = await RegisterAsync(client, NewEmail());

        using var logout = await Authorized(client, session).PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = session.GetProperty("refreshToken").GetString() });
        await logout.DataAsync(HttpStatusCode.OK);

        await (await RefreshRawAsync(client, session)).ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Logout_with_another_players_refresh_token_answers_alike_and_revokes_nothing()
    {
        using var client = _factory.CreateClient();
        var caller = await RegisterAsync(client, NewEmail());
        var victim = await RegisterAsync(client, NewEmail());

        using var logout = await Authorized(client, caller).PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = victim.GetProperty("refreshToken").GetString() });

        Assert.True((await logout.DataAsync(HttpStatusCode.OK)).GetProperty("loggedOut").GetBoolean());
        var renewed = await RefreshAsync(client, victim, HttpStatusCode.OK);
        Assert.Equal(victim.GetProperty("playerId").GetGuid(), renewed.GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_refused()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "made-up-token" });

        await response.ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_refresh_token_expires_after_30_days()
    {
        using var client = _factory.CreateClient();
        var session = await RegisterAsync(client, NewEmail());

        _factory.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            await (await RefreshRawAsync(client, session)).ErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
        finally
        {
            _factory.Clock.Advance(TimeSpan.FromDays(-31));
        }
    }

    [Fact]
    public async Task A_guest_links_an_email_and_keeps_its_player_id()
    {
        using var client = _factory.CreateClient();
        using var guestResponse = await client.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "device-" + Guid.NewGuid().ToString("N") });
        var guest = await guestResponse.DataAsync(HttpStatusCode.Created);
        var email = NewEmail();

        using var link = await Authorized(client, guest).PostAsJsonAsync("/api/v1/auth/link", new { email, password = Password });
        var linked = await link.DataAsync(HttpStatusCode.OK);
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        var session = await login.DataAsync(HttpStatusCode.OK);

        Assert.Equal(guest.GetProperty("playerId").GetGuid(), linked.GetProperty("playerId").GetGuid());
        Assert.Equal(guest.GetProperty("playerId").GetGuid(), session.GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task Two_factor_setup_verify_then_login_needs_the_code_and_refuses_a_replay()
    {
        using var client = _factory.CreateClient();
        var email = NewEmail();
        var session = await RegisterAsync(client, email);
        var authed = Authorized(client, session);

        using var setup = await authed.PostAsync(new Uri("/api/v1/auth/2fa/setup", UriKind.Relative), null);
        var secret = (await setup.DataAsync(HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        using var verify = await authed.PostAsJsonAsync("/api/v1/auth/2fa/verify", new { code = TwoFactor.CodeAt(secret, _factory.Clock.Now) });
        await verify.DataAsync(HttpStatusCode.OK);
        var later = _factory.Clock.Now.AddSeconds(60);
        var code = TwoFactor.CodeAt(secret, later);
        _factory.Clock.Advance(TimeSpan.FromSeconds(60));
        try
        {
            using var without = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
            using var with = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, twoFactorCode = code });
            using var replay = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password, twoFactorCode = code });

            await without.ErrorAsync(HttpStatusCode.Unauthorized, "TWO_FACTOR_REQUIRED");
            await with.DataAsync(HttpStatusCode.OK);
            await replay.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_TWO_FACTOR_CODE");
        }
        finally
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(-60));
        }
    }

    [Fact]
    public async Task A_wrong_2fa_verification_code_is_refused()
    {
        using var client = _factory.CreateClient();
        var authed = Authorized(client, await RegisterAsync(client, NewEmail()));
        using var setup = await authed.PostAsync(new Uri("/api/v1/auth/2fa/setup", UriKind.Relative), null);
        var secret = (await setup.DataAsync(HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        var valid = new[] { -30, 0, 30 }.Select(s => TwoFactor.CodeAt(secret, _factory.Clock.Now.AddSeconds(s))).ToHashSet();
        var wrong = Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));

        using var verify = await authed.PostAsJsonAsync("/api/v1/auth/2fa/verify", new { code = wrong });

        await verify.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_TWO_FACTOR_CODE");
    }

    [Fact]
    public async Task Profile_patch_and_friends_work_over_http()
    {
        using var client = _factory.CreateClient();
        var a = Authorized(client, await RegisterAsync(client, NewEmail()));
        using var other = _factory.CreateClient();
        var bSession = await RegisterAsync(other, NewEmail());
        var b = Authorized(other, bSession);
        using var bProfile = await b.GetAsync(new Uri("/api/v1/players/me", UriKind.Relative));
        var code = (await bProfile.DataAsync(HttpStatusCode.OK)).GetProperty("friendCode").GetString();

        using var patch = await a.PatchAsJsonAsync("/api/v1/players/me", new { displayName = "Wool " + Guid.NewGuid().ToString("N")[..8] });
        using var bad = await a.PatchAsJsonAsync("/api/v1/players/me", new { displayName = "bad\u0001name" });
        using var add = await a.PostAsJsonAsync("/api/v1/players/me/friends", new { friendCode = code });
        using var list = await b.GetAsync(new Uri("/api/v1/players/me/friends", UriKind.Relative));

        await patch.DataAsync(HttpStatusCode.OK);
        await bad.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Single((await add.DataAsync(HttpStatusCode.OK)).GetProperty("friends").EnumerateArray());
        Assert.Single((await list.DataAsync(HttpStatusCode.OK)).GetProperty("friends").EnumerateArray());
    }

    [Fact]
    public async Task Admin_routes_refuse_players_with_403()
    {
        using var client = _factory.CreateClient();
        var session = await RegisterAsync(client, NewEmail());

        using var response = await Authorized(client, session).GetAsync(new Uri($"/api/v1/admin/players/{session.GetProperty("playerId").GetGuid()}", UriKind.Relative));

        await response.ErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Admin_routes_answer_an_admin()
    {
        using var client = _factory.CreateClient();
        var session = await RegisterAsync(client, NewEmail());
        var admin = _factory.Services.GetRequiredService<Auth.AccessTokenIssuer>().Issue(Guid.NewGuid(), ["player", "admin"]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);

        using var response = await client.GetAsync(new Uri($"/api/v1/admin/players/{session.GetProperty("playerId").GetGuid()}", UriKind.Relative));

        Assert.Equal(session.GetProperty("playerId").GetGuid(), (await response.DataAsync(HttpStatusCode.OK)).GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task The_openapi_document_and_the_api_page_are_served_without_a_token()
    {
        using var client = _factory.CreateClient();

        using var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/api-docs", UriKind.Relative));

        var json = await document.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("3.1", json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("paths").TryGetProperty("/api/v1/auth/login", out _));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }

    internal static string NewEmail() => $"p{Guid.NewGuid():N}@example.org";

    internal static async Task<JsonElement> RegisterAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        return (await response.DataAsync(HttpStatusCode.Created)).Clone();
    }

    private static HttpClient Authorized(HttpClient client, JsonElement session)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<JsonElement> RefreshAsync(HttpClient client, JsonElement session, HttpStatusCode status)
    {
        using var response = await RefreshRawAsync(client, session);
        return (await response.DataAsync(status)).Clone();
    }

    private static Task<HttpResponseMessage> RefreshRawAsync(HttpClient client, JsonElement session) =>
        client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() });
}
