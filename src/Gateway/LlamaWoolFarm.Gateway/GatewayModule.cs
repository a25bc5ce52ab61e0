using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Endpoints;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;

namespace LlamaWoolFarm.Gateway;

/// <summary>The gateway module: the REST API that turns requests into commands and requests on the bus.</summary>
public static class GatewayModule
{
    /// <summary>The largest request body the API reads.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>How long a request to a worker may take before the client gets 503.</summary>
    public static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Validation, token issuing, JSON options and the authorization fallback: every endpoint needs an
    /// authenticated player unless it opts out with <c>AllowAnonymous</c>.
    /// </summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssemblyContaining<GuestRequestValidator>(ServiceLifetime.Singleton);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        // Bad bodies throw, so the envelope's exception handler answers them like every other error.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// Bus settings of the gateway. Request clients need no registration per message type; requests are published,
    /// so whichever worker owns them answers, and one that does not answer in time becomes a 503.
    /// </summary>
    public static void AddBusClients(IBusRegistrationConfigurator bus) => bus.SetDefaultRequestTimeout(WorkerTimeout);

    /// <summary>Maps <c>/api/v1</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        // One file per area under Endpoints/, each declaring its auth, rate limits and validation once.
        api.MapAuth();
        api.MapPlayers();
        api.MapGame();
        api.MapCommands();
        api.MapSaves();
        api.MapLeaderboards();
        api.MapAchievements();
        api.MapEvents();
        api.MapAnalytics();
        api.MapNotifications();
        api.MapAdmin();
    }
}
