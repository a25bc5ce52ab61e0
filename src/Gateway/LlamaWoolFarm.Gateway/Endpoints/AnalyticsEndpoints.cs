using System.Text.RegularExpressions;
using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/analytics</c>: client events (valid ones recorded, refused ones reported by index), the player's
/// experiment variants; <c>/api/v1/admin/analytics/metrics</c> for the role <c>admin</c>.
/// </summary>
public static partial class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalytics(this RouteGroupBuilder api)
    {
        var analytics = api.MapGroup("/analytics").WithTags("analytics");
        analytics.MapPost("/events", EventsAsync)
            .WithSummary("Record a batch of client events; the valid ones are accepted, the others listed.")
            .Answers<ClientEventsAccepted>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status400BadRequest, AnalyticsErrorCodes.BatchEmpty, AnalyticsErrorCodes.BatchTooLarge, AnalyticsErrorCodes.NoValidEvents);
        analytics.MapGet("/experiments/{id}", ExperimentAsync)
            .WithSummary("The player's variant of a running experiment.")
            .Answers<ExperimentView>()
            .Refuses(StatusCodes.Status400BadRequest, AnalyticsErrorCodes.InvalidExperimentId)
            .Refuses(StatusCodes.Status404NotFound, AnalyticsErrorCodes.ExperimentNotFound);
        api.MapGroup("/admin/analytics").WithTags("analytics", "admin")
            .RequireAuthorization(p => p.RequireRole("admin"))
            .MapGet("/metrics", MetricsAsync)
            .WithSummary("A metric's series over a time range (admin).")
            .Answers<AnalyticsMetricSeries>()
            .Refuses(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError)
            .Refuses(StatusCodes.Status503ServiceUnavailable, AnalyticsErrorCodes.StoreUnavailable);
        return api;
    }

    /// <summary>202 once the valid events are durable (<see cref="IAcceptedCommands"/>), for the analytics worker to record.</summary>
    private static async Task<IResult> EventsAsync(AnalyticsEventsRequest request, HttpContext context, IAcceptedCommands commands, TimeProvider clock)
    {
        if (request.Events is null || request.Events.Count == 0)
        {
            return ApiResults.Error(context, 400, AnalyticsErrorCodes.BatchEmpty, "'events' must hold at least one event.", Field("events", "At least one event is required."));
        }

        if (request.Events.Count > AnalyticsLimits.MaxBatchSize)
        {
            return ApiResults.Error(context, 400, AnalyticsErrorCodes.BatchTooLarge, $"At most {AnalyticsLimits.MaxBatchSize} events per request.", Field("events", $"Got {request.Events.Count} events; send at most {AnalyticsLimits.MaxBatchSize} per request."));
        }

        var now = clock.GetUtcNow();
        var (accepted, rejected) = AnalyticsEventChecks.Check(request.Events, now);
        if (accepted.Count == 0)
        {
            var details = rejected.ToDictionary(r => $"events[{r.Index}]", r => new[] { $"{r.Code}: {r.Message}" });
            return ApiResults.Error(context, 400, AnalyticsErrorCodes.NoValidEvents, "No event of the batch is valid.", details);
        }

        var commandId = NewId.NextGuid();
        await commands.SendAsync(new RecordClientEvents(commandId, context.User.PlayerId(), context.TraceIdentifier, accepted, now), context.RequestAborted);
        return ApiResults.Ok(context, new ClientEventsAccepted(commandId, accepted.Count, rejected), StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ExperimentAsync(string id, HttpContext context, IRequestClient<GetExperimentAssignment> experiments)
    {
        if (!ExperimentId().IsMatch(id))
        {
            return ApiResults.Error(context, 400, AnalyticsErrorCodes.InvalidExperimentId, "An experiment id is 1-64 lower-case letters, digits, '-' or '_'.", Field("id", "Malformed experiment id."));
        }

        var response = await experiments.GetResponse<ExperimentAssignment, ExperimentNotFound>(new GetExperimentAssignment(context.User.PlayerId(), id, context.TraceIdentifier), context.RequestAborted);
        return response.Is(out Response<ExperimentAssignment>? assignment)
            ? ApiResults.Ok(context, new ExperimentView(assignment!.Message.ExperimentId, assignment.Message.Variant, assignment.Message.AssignedAt, assignment.Message.FirstExposure))
            : ApiResults.Error(context, 404, AnalyticsErrorCodes.ExperimentNotFound, $"No running experiment is called '{id}'.");
    }

    private static async Task<IResult> MetricsAsync(string? metric, string? from, string? to, string? window, HttpContext context, IRequestClient<GetAnalyticsMetric> metrics)
    {
        var (request, code, field, message) = AnalyticsMetricsQuery.Parse(metric, from, to, window, context.TraceIdentifier);
        if (request is null)
        {
            return ApiResults.Error(context, 400, code, message, Field(field, message));
        }

        var response = await metrics.GetResponse<AnalyticsMetricSeries, AnalyticsMetricRejected>(request, context.RequestAborted);
        if (response.Is(out Response<AnalyticsMetricSeries>? series))
        {
            return ApiResults.Ok(context, series!.Message);
        }

        response.Is(out Response<AnalyticsMetricRejected>? refusal);
        var rejected = refusal!.Message;
        if (rejected.Code == AnalyticsErrorCodes.StoreUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
            return ApiResults.Error(context, 503, rejected.Code, rejected.Message);
        }

        return ApiResults.Error(context, 400, rejected.Code, rejected.Message);
    }

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex ExperimentId();
}
