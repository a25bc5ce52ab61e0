using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class RouteInventoryTests : IClassFixture<GatewayFactory>
{
    // The only routes anyone may call without a token. Adding to this list is a security decision.
    private static readonly string[] PublicRoutes =
    [
        "POST /api/v1/auth/guest",
        "ANY /health/live",
        "ANY /health/ready",
        "ANY /metrics",
    ];

    private readonly GatewayFactory _factory;

    public RouteInventoryTests(GatewayFactory factory) => _factory = factory;

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
}
