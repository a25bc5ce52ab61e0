using System.Globalization;
using LlamaWoolFarm.Gateway.Api;

namespace LlamaWoolFarm.Gateway.Backpressure;

/// <summary>Marks an endpoint that accepts a game command with 202: shed while the game command backlog is over its bound.</summary>
public sealed class ShedUnderOverloadMetadata
{
    public static readonly ShedUnderOverloadMetadata Instance = new();
}

/// <summary>Wiring of the backpressure gate.</summary>
public static class BackpressureGateExtensions
{
    /// <summary>Marks the endpoint as a game command, which backpressure sheds under overload.</summary>
    public static RouteHandlerBuilder ShedUnderOverload(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(ShedUnderOverloadMetadata.Instance)
            .Refuses(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Overloaded);

    /// <summary>
    /// Answers marked endpoints with 503 <c>OVERLOADED</c> and <c>Retry-After</c> while the estimated backlog
    /// (<see cref="CommandBacklog"/>) exceeds <c>Backpressure:MaxBacklogSeconds</c>, before anything is sent and
    /// before idempotency keys, so a shed command was never accepted and its retry (same key or not) runs it; counts
    /// every command it lets through, for the estimate between reports.
    /// </summary>
    public static IApplicationBuilder UseBackpressureGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ShedUnderOverloadMetadata>() is null)
        {
            await next(context);
            return;
        }

        var backlog = context.RequestServices.GetRequiredService<CommandBacklog>();
        var decision = backlog.Decide();
        if (decision.Shed)
        {
            context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ApiResults.Error(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.Overloaded, "The game is busy; retry after the Retry-After delay.", new Dictionary<string, string[]>
            {
                ["retryAfterSeconds"] = [decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)],
            }).ExecuteAsync(context);
            return;
        }

        backlog.Admitted();
        try
        {
            await next(context);
        }
        finally
        {
            backlog.Finished(context.Response.StatusCode == StatusCodes.Status202Accepted);
        }
    });
}
