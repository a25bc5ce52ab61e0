using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Gateway.Auth.Oidc;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway and the real accounts worker with two real OpenID providers (npm oidc-provider, started by the tests):
/// <c>test</c> and <c>other</c>. The gateway fetches their discovery documents and keys itself.
/// </summary>
public sealed class OidcGatewayFixture : IAsyncLifetime
{
    public OwnOidcProvider Provider { get; private set; } = null!;

    public OwnOidcProvider Other { get; private set; } = null!;

    public GatewayFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OwnOidcProvider.StartAsync();
        Other = await OwnOidcProvider.StartAsync();
        Factory = new GatewayFactory().WithAccountsWorker().WithLooseRateLimits()
            .WithSetting("Auth:Oidc:Providers:test:Authority", Provider.Issuer)
            .WithSetting("Auth:Oidc:Providers:test:ClientId", OwnOidcProvider.ClientId)
            .WithSetting("Auth:Oidc:Providers:test:RequireHttpsMetadata", "false")
            .WithSetting("Auth:Oidc:Providers:test:DisplayName", "Test provider")
            .WithSetting("Auth:Oidc:Providers:other:Authority", Other.Issuer)
            .WithSetting("Auth:Oidc:Providers:other:ClientId", OwnOidcProvider.ClientId)
            .WithSetting("Auth:Oidc:Providers:other:RequireHttpsMetadata", "false")
            .WithSetting("Auth:Oidc:KeyRefreshInterval", "00:00:01");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Provider.DisposeAsync();
        await Other.DisposeAsync();
    }
}

/// <summary><c>POST auth/oidc/{provider}</c>, <c>…/link</c> and <c>DELETE …/link</c> against real providers.</summary>
public sealed class OidcSignInTests(OidcGatewayFixture fixture) : IClassFixture<OidcGatewayFixture>
{
    private OwnOidcProvider Provider => fixture.Provider;

    [Fact]
    public async Task A_valid_id_token_makes_a_player_and_signs_the_same_player_in_again()
    {
        using var client = fixture.Factory.CreateClient();
        var subject = NewSubject();

        var first = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.Created);
        var second = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("playerId").GetGuid(), second.GetProperty("playerId").GetGuid());
        Assert.False(string.IsNullOrEmpty(second.GetProperty("refreshToken").GetString()));
        using var me = await Authorized(client, second).GetAsync(new Uri("/api/v1/players/me", UriKind.Relative));
        Assert.Equal(first.GetProperty("playerId").GetGuid(), (await me.DataAsync(HttpStatusCode.OK)).GetProperty("playerId").GetGuid());
        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second.GetProperty("refreshToken").GetString() });
        await refreshed.DataAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_id_token_the_provider_issued_through_authorization_code_and_pkce_signs_in()
    {
        using var client = fixture.Factory.CreateClient();
        var login = NewSubject();
        var (nonce, hash) = NewNonce();
        var idToken = await Provider.SignInThroughBrowserFlowAsync(login, hash);

        using var first = await client.PostAsJsonAsync("/api/v1/auth/oidc/test", new { idToken, nonce });
        var session = await first.DataAsync(HttpStatusCode.Created);
        // The same token with someone else's nonce (a replay by whoever caught the token) is refused.
        var (otherNonce, _) = NewNonce();
        await RefusedAsync(client, "test", idToken, otherNonce);
        var again = await SignInAsync(client, "test", Provider, login, HttpStatusCode.OK);

        Assert.Equal(session.GetProperty("playerId").GetGuid(), again.GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task The_same_subject_at_another_provider_is_another_player()
    {
        using var client = fixture.Factory.CreateClient();
        var subject = NewSubject();

        var here = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.Created);
        var there = await SignInAsync(client, "other", fixture.Other, subject, HttpStatusCode.Created);

        Assert.NotEqual(here.GetProperty("playerId").GetGuid(), there.GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        using var client = fixture.Factory.CreateClient();
        var (nonce, hash) = NewNonce();
        var token = await Provider.IdTokenAsync(NewSubject(), hash, expiresInSeconds: -120);

        await RefusedAsync(client, "test", token, nonce);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        using var client = fixture.Factory.CreateClient();
        var (nonce, hash) = NewNonce();
        var token = await Provider.IdTokenAsync(NewSubject(), hash, audience: "some-other-client");

        await RefusedAsync(client, "test", token, nonce);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        using var client = fixture.Factory.CreateClient();
        var (nonce, hash) = NewNonce();
        // Signed by the other provider (a key the test provider never published) …
        var foreign = await fixture.Other.IdTokenAsync(NewSubject(), hash);
        // … and signed with the test provider's own key but claiming the other issuer.
        var forged = await Provider.IdTokenAsync(NewSubject(), hash, issuer: fixture.Other.Issuer);

        await RefusedAsync(client, "test", foreign, nonce);
        await RefusedAsync(client, "test", forged, nonce);
    }

    [Fact]
    public async Task A_token_without_the_hash_of_the_nonce_sent_is_refused()
    {
        using var client = fixture.Factory.CreateClient();
        var (nonce, hash) = NewNonce();
        var (otherNonce, _) = NewNonce();

        await RefusedAsync(client, "test", await Provider.IdTokenAsync(NewSubject(), hash), otherNonce);
        // The raw nonce in the token (not its hash) does not pass either: only the hash is accepted.
        await RefusedAsync(client, "test", await Provider.IdTokenAsync(NewSubject(), nonce), nonce);
        await RefusedAsync(client, "test", await Provider.IdTokenAsync(NewSubject(), nonce: null), nonce);
    }

    [Fact]
    public async Task After_a_key_rotation_the_gateway_fetches_the_new_key_and_the_old_one_stops_working()
    {
        using var client = fixture.Factory.CreateClient();
        var subject = NewSubject();
        var before = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.Created);
        var (nonce, hash) = NewNonce();
        var oldKeyToken = await Provider.IdTokenAsync(subject, hash);
        var oldKey = Provider.KeyId;

        await Provider.RotateKeysAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // KeyRefreshInterval of this gateway
        var after = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.OK);

        Assert.NotEqual(oldKey, Provider.KeyId);
        Assert.Equal(before.GetProperty("playerId").GetGuid(), after.GetProperty("playerId").GetGuid());
        await RefusedAsync(client, "test", oldKeyToken, nonce);
    }

    [Fact]
    public async Task A_guest_links_a_provider_and_keeps_its_player_id()
    {
        using var client = fixture.Factory.CreateClient();
        var guest = await GuestAsync(client);
        var subject = NewSubject();
        var (nonce, hash) = NewNonce();

        using var linked = await Authorized(client, guest).PostAsJsonAsync("/api/v1/auth/oidc/test/link", new { idToken = await Provider.IdTokenAsync(subject, hash), nonce });
        var session = await linked.DataAsync(HttpStatusCode.OK);
        var signedIn = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.OK);

        Assert.Equal(guest.GetProperty("playerId").GetGuid(), session.GetProperty("playerId").GetGuid());
        Assert.Equal(guest.GetProperty("playerId").GetGuid(), signedIn.GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task An_identity_that_signs_in_another_player_cannot_be_linked()
    {
        using var client = fixture.Factory.CreateClient();
        var subject = NewSubject();
        var owner = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.Created);
        var guest = await GuestAsync(client);
        var (nonce, hash) = NewNonce();

        using var refused = await Authorized(client, guest).PostAsJsonAsync("/api/v1/auth/oidc/test/link", new { idToken = await Provider.IdTokenAsync(subject, hash), nonce });

        await refused.ErrorAsync(HttpStatusCode.Conflict, "IDENTITY_ALREADY_LINKED");
        var again = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.OK);
        Assert.Equal(owner.GetProperty("playerId").GetGuid(), again.GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task A_player_links_one_identity_per_provider()
    {
        using var client = fixture.Factory.CreateClient();
        var player = await SignInAsync(client, "test", Provider, NewSubject(), HttpStatusCode.Created);
        var (nonce, hash) = NewNonce();

        using var second = await Authorized(client, player).PostAsJsonAsync("/api/v1/auth/oidc/test/link", new { idToken = await Provider.IdTokenAsync(NewSubject(), hash), nonce });

        await second.ErrorAsync(HttpStatusCode.Conflict, "PROVIDER_ALREADY_LINKED");
    }

    [Fact]
    public async Task Unlinking_the_only_way_to_sign_in_is_refused_and_allowed_once_there_is_another()
    {
        using var client = fixture.Factory.CreateClient();
        var subject = NewSubject();
        var player = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.Created);

        using (var refused = await Authorized(client, player).DeleteAsync(new Uri("/api/v1/auth/oidc/test/link", UriKind.Relative)))
        {
            await refused.ErrorAsync(HttpStatusCode.Conflict, "LAST_SIGN_IN_METHOD");
        }

        await SignInAsync(client, "test", Provider, subject, HttpStatusCode.OK);
        var (nonce, hash) = NewNonce();
        using (var linked = await Authorized(client, player).PostAsJsonAsync("/api/v1/auth/oidc/other/link", new { idToken = await fixture.Other.IdTokenAsync(NewSubject(), hash), nonce }))
        {
            await linked.DataAsync(HttpStatusCode.OK);
        }

        using (var unlinked = await Authorized(client, player).DeleteAsync(new Uri("/api/v1/auth/oidc/test/link", UriKind.Relative)))
        {
            Assert.True((await unlinked.DataAsync(HttpStatusCode.OK)).GetProperty("unlinked").GetBoolean());
        }

        using var notLinked = await Authorized(client, player).DeleteAsync(new Uri("/api/v1/auth/oidc/test/link", UriKind.Relative));
        await notLinked.ErrorAsync(HttpStatusCode.NotFound, "IDENTITY_NOT_LINKED");
        // The identity is free: it now makes a new player.
        var fresh = await SignInAsync(client, "test", Provider, subject, HttpStatusCode.Created);
        Assert.NotEqual(player.GetProperty("playerId").GetGuid(), fresh.GetProperty("playerId").GetGuid());
    }

    [Fact]
    public async Task An_unknown_provider_is_404_and_a_malformed_body_400()
    {
        using var client = fixture.Factory.CreateClient();
        var (nonce, hash) = NewNonce();

        using var unknown = await client.PostAsJsonAsync("/api/v1/auth/oidc/nobody", new { idToken = await Provider.IdTokenAsync(NewSubject(), hash), nonce });
        using var malformed = await client.PostAsJsonAsync("/api/v1/auth/oidc/test", new { idToken = "not a jwt", nonce });
        using var shortNonce = await client.PostAsJsonAsync("/api/v1/auth/oidc/test", new { idToken = await Provider.IdTokenAsync(NewSubject(), hash), nonce = "short" });

        await unknown.ErrorAsync(HttpStatusCode.NotFound, "UNKNOWN_PROVIDER");
        await malformed.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await shortNonce.ErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task The_providers_are_listed_for_the_sign_in_buttons()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/auth/oidc/providers", UriKind.Relative));

        var providers = (await response.DataAsync(HttpStatusCode.OK)).GetProperty("providers").EnumerateArray().ToList();
        var test = providers.Single(p => p.GetProperty("name").GetString() == "test");
        Assert.Equal("Test provider", test.GetProperty("displayName").GetString());
        Assert.Equal(Provider.Issuer, test.GetProperty("authority").GetString());
        Assert.Equal(OwnOidcProvider.ClientId, test.GetProperty("clientId").GetString());
    }

    internal static string NewSubject() => "user-" + Guid.NewGuid().ToString("N");

    internal static (string Nonce, string Hash) NewNonce()
    {
        var nonce = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        return (nonce, OidcTokenValidator.NonceHash(nonce));
    }

    private static async Task<JsonElement> SignInAsync(HttpClient client, string name, OwnOidcProvider provider, string subject, HttpStatusCode expected)
    {
        var (nonce, hash) = NewNonce();
        using var response = await client.PostAsJsonAsync($"/api/v1/auth/oidc/{name}", new { idToken = await provider.IdTokenAsync(subject, hash), nonce });
        return (await response.DataAsync(expected)).Clone();
    }

    private static async Task RefusedAsync(HttpClient client, string name, string idToken, string nonce)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/auth/oidc/{name}", new { idToken, nonce });
        await response.ErrorAsync(HttpStatusCode.Unauthorized, "INVALID_ID_TOKEN");
    }

    private static async Task<JsonElement> GuestAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "device-" + Guid.NewGuid().ToString("N") });
        return (await response.DataAsync(HttpStatusCode.Created)).Clone();
    }

    private static HttpClient Authorized(HttpClient client, JsonElement session)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client;
    }
}
