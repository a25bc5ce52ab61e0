using System.Text;
using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Gateway.Endpoints;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Operations;

/// <summary>
/// The audit of admin actions: every admin request that changes something (any method but GET/HEAD/OPTIONS on a
/// route under <c>admin/</c>, whichever file maps it — maintenance, flags, notices, events, restores, bans, clears)
/// and that succeeded (status below 400) is published as <see cref="AdminActionPerformed"/>, which the accounts
/// worker writes to the audit log. Refused requests changed nothing and are not audited. The details are the request
/// body (at most <see cref="MaxDetails"/> characters): the reason of a ban, the window of a maintenance, a flag's
/// override. A publish that fails is logged; the action itself already happened.
/// </summary>
public static class AdminAudit
{
    public const int MaxDetails = 2000;

    public static IApplicationBuilder UseAdminAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        if (route is null || !AdminEndpoints.IsAdminRoute(route.RawText) || HttpMethods.IsGet(context.Request.Method)
            || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        await next(context);
        if (context.Response.StatusCode >= 400 || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var action = new AdminActionPerformed(
            Guid.NewGuid(),
            context.User.PlayerId(),
            $"{context.Request.Method} {route.RawText!.Trim('/')["api/v1/".Length..]}",
            Target(context, route),
            await DetailsAsync(context.Request),
            context.Response.StatusCode,
            context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        try
        {
            await context.RequestServices.GetRequiredService<IPublishEndpoint>().Publish(action, CancellationToken.None);
        }
        catch (Exception error)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminAudit))
                .LogError(error, "The admin action {Action} on {Target} was done but could not be written to the audit log.", action.Action, action.Target);
        }
    });

    /// <summary>The route's values (<c>playerId=…</c>), or the area the route is about (<c>maintenance</c>).</summary>
    private static string Target(HttpContext context, Microsoft.AspNetCore.Routing.Patterns.RoutePattern route)
    {
        var values = route.Parameters.Select(p => $"{p.Name}={context.Request.RouteValues[p.Name]}").ToList();
        if (values.Count > 0)
        {
            return string.Join(", ", values);
        }

        var literal = route.PathSegments.LastOrDefault()?.Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().FirstOrDefault();
        return literal?.Content ?? "admin";
    }

    private static async Task<string?> DetailsAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek || request.Body.Length == 0)
        {
            return null;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var buffer = new char[MaxDetails];
        var read = await reader.ReadBlockAsync(buffer.AsMemory());
        return read == 0 ? null : new string(buffer, 0, read);
    }
}
