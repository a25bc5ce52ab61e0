using System.Globalization;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Endpoints;
using LlamaWoolFarm.ServiceDefaults.Auth;

namespace LlamaWoolFarm.Gateway.Maintenance;

/// <summary>Marks an endpoint that changes a player's game or save: refused while maintenance is active.</summary>
public sealed class RefusedDuringMaintenanceMetadata
{
    public static readonly RefusedDuringMaintenanceMetadata Instance = new();
}

/// <summary>Wiring of the maintenance gate.</summary>
public static class MaintenanceGateExtensions
{
    /// <summary>Marks the endpoint as a game or save command, which maintenance refuses.</summary>
    public static RouteHandlerBuilder RefusedDuringMaintenance(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(RefusedDuringMaintenanceMetadata.Instance);

    /// <summary>
    /// Answers marked endpoints with 503 <c>MAINTENANCE</c> and <c>Retry-After</c> (seconds to the expected end) while a
    /// window is active; reads and admins pass. It runs after authorization (it needs the caller's role) and before
    /// idempotency keys, so a refused command takes no key and a retry after the window runs it.
    /// </summary>
    public static IApplicationBuilder UseMaintenanceGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RefusedDuringMaintenanceMetadata>() is null
            || context.User.HasClaim(AuthenticationExtensions.RoleClaim, AdminEndpoints.AdminRole))
        {
            await next(context);
            return;
        }

        var schedule = context.RequestServices.GetRequiredService<MaintenanceSchedule>();
        var view = await schedule.ViewAsync(context.RequestAborted);
        if (!view.Active)
        {
            await next(context);
            return;
        }

        context.Response.Headers.RetryAfter = view.RetryAfterSeconds!.Value.ToString(CultureInfo.InvariantCulture);
        await ApiResults.Error(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.Maintenance, view.Message!, new Dictionary<string, string[]>
        {
            ["endsAt"] = [view.EndsAt!.Value.ToString("O", CultureInfo.InvariantCulture)],
        }).ExecuteAsync(context);
    });
}
