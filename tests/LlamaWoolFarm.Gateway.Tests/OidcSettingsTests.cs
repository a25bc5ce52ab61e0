using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Gateway.Auth.Oidc;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>Wrong <c>Auth:Oidc</c> settings stop the start naming the key; the OpenAPI document describes the routes.</summary>
public sealed class OidcSettingsTests
{
    [Theory]
    [InlineData("Auth:Oidc:Providers:google:Authority", "Auth:Oidc:Providers:google:Authority", "not a url")]
    [InlineData("Auth:Oidc:Providers:google:Authority", "Auth:Oidc:Providers:google:Authority", "http://accounts.example.org")]
    [InlineData("Auth:Oidc:Providers:google:ClientId", "Auth:Oidc:Providers:google:ClientId", "")]
    [InlineData("Auth:Oidc:Providers:Bad_Name", "Auth:Oidc:Providers:Bad_Name:Authority", "https://accounts.example.org")]
    [InlineData("Auth:Oidc:KeyRefreshInterval", "Auth:Oidc:KeyRefreshInterval", "00:00:00.1")]
    public async Task A_wrong_provider_setting_stops_the_start_naming_it(string named, string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Oidc:Providers:google:Authority"] = "https://accounts.example.org",
            ["Auth:Oidc:Providers:google:ClientId"] = "game-client",
            ["Auth:Oidc:Providers:Bad_Name:ClientId"] = "game-client",
            [key] = value,
        };
        if (!key.Contains("Bad_Name", StringComparison.Ordinal))
        {
            settings.Remove("Auth:Oidc:Providers:Bad_Name:ClientId");
        }

        await StartupSettings.AssertStopsNamingAsync(named, settings, b => b.Services.AddSettings<OidcOptions>(OidcOptions.SectionName));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_oidc_routes_and_their_body()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/auth/oidc/providers").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/auth/oidc/{provider}/link").TryGetProperty("delete", out _));
        var signIn = paths.GetProperty("/api/v1/auth/oidc/{provider}").GetProperty("post");
        var schema = signIn.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var body = schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
        Assert.True(body.GetProperty("properties").TryGetProperty("idToken", out _));
        Assert.True(body.GetProperty("properties").TryGetProperty("nonce", out _));
    }
}
