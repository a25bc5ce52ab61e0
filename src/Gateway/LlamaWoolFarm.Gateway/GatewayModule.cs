using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
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

    /// <summary>The request clients the endpoints use; requests are published, so whichever worker owns them answers.</summary>
    public static void AddBusClients(IBusRegistrationConfigurator bus)
    {
        bus.AddRequestClient<RegisterGuest>(RequestTimeout.After(s: (int)WorkerTimeout.TotalSeconds));
        bus.AddRequestClient<GetGameState>(RequestTimeout.After(s: (int)WorkerTimeout.TotalSeconds));
        bus.AddRequestClient<GetCommandStatus>(RequestTimeout.After(s: (int)WorkerTimeout.TotalSeconds));
    }

    /// <summary>Maps <c>/api/v1</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapAuth();
        api.MapGame();
        api.MapCommands();
    }
}
