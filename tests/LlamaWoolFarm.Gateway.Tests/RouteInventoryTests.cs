using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class RouteInventoryTests : IClassFixture<GuestGatewayFactory>
{
    // The only routes anyone may call without a token. Adding to this list is a security decision.
    private static readonly string[] PublicRoutes =
    [
        "POST /api/v1/auth/guest",
        "POST /api/v1/auth/register",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/password/forgot",
        "POST /api/v1/auth/password/reset",
        "POST /api/v1/auth/email/verify",
        "GET /api/v1/config/maintenance",
        "GET /api/v1/config/features",
        // OpenID Connect: the sign-in itself (the ID token is the proof) and the list of configured providers.
        "POST /api/v1/auth/oidc/{provider}",
        "GET /api/v1/auth/oidc/providers",
        "GET /openapi/{documentName}.json",
        "GET /api-docs/{documentName?}",
        "GET /api-docs/favicon.svg",
        "GET /api-docs/scalar.aspnetcore.js",
        "GET /api-docs/scalar.js",
        "ANY /health/live",
        "ANY /health/ready",
        "ANY /metrics",
    ];

    private readonly GuestGatewayFactory _factory;

    public RouteInventoryTests(GuestGatewayFactory factory) => _factory = factory;

    [Fact]
    public void Every_endpoint_needs_a_token_unless_it_is_on_the_public_list()
    {
        using var client = _factory.CreateClient();
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var anonymous = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order()
            .ToList();

        Assert.Equal(PublicRoutes.Order(), anonymous);
        Assert.True(endpoints.Count > PublicRoutes.Length);
    }

    [Fact]
    public void Every_admin_route_requires_the_admin_policy()
    {
        using var client = _factory.CreateClient();
        var admin = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/admin", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(admin);
        Assert.All(admin, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == "admin"));
    }
}
