using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Operations;
using LlamaWoolFarm.ServiceDefaults.Auth;
using MassTransit;
using Microsoft.AspNetCore.Authorization;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/admin</c>: every route under <c>admin/</c>, whichever file maps it, requires the <c>admin</c> role —
/// a convention on the API group adds the policy by path, so a new admin route cannot forget it.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>The policy of every <c>admin/*</c> route.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The role the policy requires.</summary>
    public const string AdminRole = "admin";

    private const string AdminPrefix = "/api/v1/admin";

    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && IsAdminRoute(route.RoutePattern.RawText))
            {
                endpoint.Metadata.Add(new AuthorizeAttribute { Policy = AdminPolicy });
            }
        });
        var admin = api.MapGroup("/admin").WithTags("admin");
        admin.MapGet("/players/{playerId:guid}", PlayerAsync)
            .WithSummary("A player's profile.")
            .Answers<PlayerProfile>()
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound);
        admin.MapGet("/overview", OverviewAsync)
            .WithSummary("The operators' overview: transport, player counts, queue depths and links to the consoles.")
            .Answers<AdminOverviewView>();
        admin.MapPost("/dashboard-session", DashboardSession)
            .WithSummary("Copy the admin's token into the scheduler dashboard's cookie.")
            .Answers<DashboardSessionView>();
        return api;
    }

    /// <summary>The admin policy (registered by the gateway module).</summary>
    public static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(AuthenticationExtensions.RoleClaim, AdminRole));

    /// <summary>True for routes under <c>/api/v1/admin</c>.</summary>
    public static bool IsAdminRoute(string? pattern) =>
        pattern is not null
        && ("/" + pattern.TrimStart('/')).StartsWith(AdminPrefix, StringComparison.OrdinalIgnoreCase)
        && (pattern.TrimStart('/').Length == AdminPrefix.Length - 1 || ("/" + pattern.TrimStart('/'))[AdminPrefix.Length] == '/');

    private static async Task<IResult> OverviewAsync(HttpContext context, AdminOverview overview) =>
        ApiResults.Ok(context, await overview.GetAsync(context.TraceIdentifier, context.RequestAborted));

    /// <summary>
    /// Copies the admin's access token into the dashboard cookie (HttpOnly, SameSite=Strict, as long as the token
    /// lives), so the browser can open the scheduler dashboard by a plain link.
    /// </summary>
    private static IResult DashboardSession(HttpContext context, IConfiguration configuration, TimeProvider clock)
    {
        var token = context.Request.Headers.Authorization.ToString();
        var expires = context.User.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : clock.GetUtcNow().AddMinutes(15);
        context.Response.Cookies.Append(AuthenticationExtensions.DashboardCookie, token["Bearer ".Length..].Trim(), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = AuthenticationExtensions.DashboardPath(configuration),
            Expires = expires,
        });
        return ApiResults.Ok(context, new DashboardSessionView(AuthenticationExtensions.DashboardPath(configuration), expires));
    }

    private static async Task<IResult> PlayerAsync(Guid playerId, HttpContext context, IRequestClient<GetProfile> accounts)
    {
        var response = await accounts.GetResponse<PlayerProfile, AccountRefused>(new GetProfile(playerId), context.RequestAborted);
        return response.Is(out Response<PlayerProfile>? ok)
            ? ApiResults.Ok(context, ok.Message)
            : response.Is(out Response<AccountRefused>? refused)
                ? AccountRefusals.ToResult(context, refused.Message)
                : ApiResults.Error(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Unexpected answer from the accounts service.");
    }
}
