using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Backpressure;
using LlamaWoolFarm.Gateway.Auth.Oidc;
using LlamaWoolFarm.Gateway.Endpoints;
using LlamaWoolFarm.Gateway.Features;
using LlamaWoolFarm.Gateway.Maintenance;
using LlamaWoolFarm.Gateway.Operations;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.Gateway.Services;
using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using LlamaWoolFarm.Storage.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.FeatureManagement;
using Scalar.AspNetCore;

namespace LlamaWoolFarm.Gateway;

/// <summary>The gateway module: the REST API that turns requests into commands and requests on the bus.</summary>
public static class GatewayModule
{
    /// <summary>The largest request body the API reads.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>The CORS policy of the API, with its origins from <c>Cors:AllowedOrigins</c>.</summary>
    public const string CorsPolicy = "api";

    /// <summary>How long a request to a worker may take before the client gets 503.</summary>
    public static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Validation, sessions, rate limits, CORS, the OpenAPI document, JSON options and the authorization fallback:
    /// every endpoint needs an authenticated player unless it opts out with <c>AllowAnonymous</c>.
    /// </summary>
    public static IHostApplicationBuilder AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssemblyContaining<GuestRequestValidator>(ServiceLifetime.Singleton);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddSingleton<SessionTokens>();
        // Scoped: it uses a request client, which MassTransit scopes. A host running the accounts module replaces it.
        builder.Services.TryAddScoped<IGuestAccounts, BusGuestAccounts>();
        builder.Services.AddSettings<LoginThrottleOptions>(LoginThrottleOptions.SectionName);
        builder.Services.AddSingleton<LoginThrottle>();
        // OpenID Connect sign-in: providers from Auth:Oidc:Providers, their metadata fetched with a bounded client.
        builder.Services.AddSettings<OidcOptions>(OidcOptions.SectionName);
        builder.Services.AddHttpClient(OidcTokenValidator.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<OidcTokenValidator>();
        builder.AddSessionStorage();
        builder.AddOperationsStateStorage();
        builder.Services.AddSingleton<MaintenanceSchedule>();
        // Bans: the list every instance enforces (JWT validation refuses banned players' tokens), and the 429s counted
        // per player and window for the anti-cheat review.
        builder.AddBanList();
        builder.Services.AddSingleton<RateLimitOffences>();
        builder.Services.AddHostedService<RateLimitOffencesFlusher>();
        // Flags from settings, overlaid with admins' run-time overrides; evaluated per player by the library.
        builder.Services.AddSingleton<FeatureOverrides>();
        builder.Services.AddSingleton<OverlaidFeatureDefinitions>();
        builder.Services.AddFeatureManagement();
        builder.Services.Replace(ServiceDescriptor.Singleton<IFeatureDefinitionProvider>(sp => sp.GetRequiredService<OverlaidFeatureDefinitions>()));
        builder.Services.AddSingleton<PlayerFeatures>();
        builder.Services.AddSettings<IdempotencyOptions>(IdempotencyOptions.SectionName);
        builder.Services.AddSingleton<AcceptedCommandLog>();
        RateLimiting.AddGatewayRateLimiting(builder);
        // Backpressure: the game command backlog as the game workers report it, read by the gate of the command endpoints.
        builder.Services.AddSettings<BackpressureOptions>(BackpressureOptions.SectionName);
        builder.Services.AddSingleton<CommandBacklog>();
        builder.Services.AddSingleton<BrokerWatch>();
        // Top pages of the boards as ready envelope bytes, for as long as the leaderboards worker says they hold.
        builder.Services.AddSingleton<ReadyTopPages>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BrokerWatch>());
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
        builder.Services.Configure<AuthorizationOptions>(AdminEndpoints.AddPolicy);
        // Kestrel answers over-long request lines and header blocks itself, before the pipeline and without the
        // envelope; its limits sit at twice the API's, so the request target guard answers most of them enveloped.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            o.Limits.MaxRequestLineSize = 2 * RequestTargetGuardMiddleware.MaxTargetLength;
            o.Limits.MaxRequestHeadersTotalSize = 2 * RequestTargetGuardMiddleware.MaxHeaderBytes;
        });
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "X-Requested-With")
            .WithExposedHeaders("X-Request-Id", "Retry-After", IdempotencyMiddleware.ReplayedHeaderName)
            .AllowCredentials()));
        // The contract: title, introduction, bearer scheme, error codes per response (Api/OpenApiContract.cs).
        builder.Services.AddApiDocument();
        builder.Services.AddSettings<AdminOptions>(AdminOptions.SectionName);
        builder.Services.AddHttpClient<BrokerQueues>(c => c.Timeout = TimeSpan.FromSeconds(3));
        // Scoped: it uses a request client, which MassTransit scopes.
        builder.Services.AddScoped<AdminOverview>();
        return builder;
    }

    /// <summary>
    /// Bus settings of the gateway. Request clients need no registration per message type; requests are published,
    /// so whichever worker owns them answers, and one that does not answer in time becomes a 503.
    /// Every gateway takes every game worker's backlog report on a temporary queue of its own (deleted when it stops).
    /// Password changes announced by the accounts worker end the player's older sessions (a shared, durable queue).
    /// </summary>
    public static void AddBusClients(IBusRegistrationConfigurator bus)
    {
        bus.SetDefaultRequestTimeout(WorkerTimeout);
        bus.AddConsumer<CommandBacklogReportedConsumer>().Endpoint(e =>
        {
            e.InstanceId = NewId.NextGuid().ToString("N")[..12];
            e.Temporary = true;
        });
        bus.AddConsumer<ReadyTopPagesBanConsumer>().Endpoint(e =>
        {
            e.InstanceId = NewId.NextGuid().ToString("N")[..12];
            e.Temporary = true;
        });
        // A durable queue all gateways share: an announced password change is handled once, even while none runs.
        bus.AddConsumer<PasswordChangedSessionsConsumer>();
    }

    /// <summary>
    /// The request pipeline in its required order: the envelope first (it must see every error), request logging,
    /// CORS, authentication, the rate limiter (it partitions by the authenticated player), routing's 405/415 (no token
    /// needed), authorization, the admin audit (it publishes every successful admin change after it ran), the
    /// maintenance gate (503 for game and save commands during a window; before keys are taken), the backpressure gate
    /// (503 OVERLOADED for game commands while the backlog is over its bound; before keys are taken), the JSON
    /// body guard (400 for hostile bodies whatever the broker's state), the broker gate (503 at once while RabbitMQ is
    /// unreachable), then idempotency keys (they need the player, and a refused request must not take a key).
    /// <paramref name="beforeAuthentication"/> adds what a host serves without a token (Standalone's static files).
    /// </summary>
    public static void UsePipeline(IApplicationBuilder app, Action<IApplicationBuilder>? beforeAuthentication = null)
    {
        app.UseApiEnvelope();
        app.UseRequestTargetGuard();
        app.UseGatewayRequestLogging();
        app.UseCors(CorsPolicy);
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRoutingRejections();
        app.UseAuthorization();
        app.UseAdminAudit();
        app.UseMaintenanceGate();
        app.UseBackpressureGate();
        app.UseJsonBodyGuard();
        app.UseBrokerGate();
        app.UseIdempotencyKeys();
    }

    /// <summary>Maps <c>/api/v1</c>, the OpenAPI document (<c>/openapi/v1.json</c>) and the API page (<c>/api-docs</c>).</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        // Every route declares its answers (Answers<T>, Refuses); this adds what the pipeline answers for it.
        ApiContract.AddCommonErrors(api);
        // One file per area under Endpoints/, each declaring its auth, rate limits and validation once.
        api.MapAuth();
        api.MapAccountRecovery();
        api.MapOidc();
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
        api.MapMaintenance();
        api.MapFeatures();
        api.MapModeration();
        // The API description is public on purpose: it lists routes and shapes, never data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("Llama Wool Farm API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
    }
}
