using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/events</c>: the running and upcoming events and an event's board, and <c>POST admin/events</c> (admin
/// role, by the admin convention) to create one — all answered by the leaderboards worker. Refusals keep the
/// worker's stable codes: 404 <c>UNKNOWN_EVENT</c>, 400 <c>INVALID_EVENT</c>, 409 <c>OVERLAPPING_EVENT</c>.
/// </summary>
public static class EventsEndpoints
{
    private const int DefaultLimit = 50;

    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("events");
        events.MapGet("/active", ActiveAsync)
            .WithSummary("The events running now and the player's standing in each.")
            .Answers<ActiveEvents>();
        events.MapGet("/{eventId}/leaderboard", LeaderboardAsync).Validate<EventLeaderboardQuery>()
            .WithSummary("A page of an event's leaderboard.")
            .Answers<LeaderboardPage>()
            .Refuses(StatusCodes.Status404NotFound, LeaderboardErrorCodes.UnknownEvent);
        api.MapPost("/admin/events", CreateAsync).WithTags("admin", "events").Validate<CreateEventRequest>()
            .WithSummary("Schedule a competition event with its rank rewards.")
            .Answers<CompetitionEventView>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, LeaderboardErrorCodes.InvalidEvent)
            .Refuses(StatusCodes.Status409Conflict, LeaderboardErrorCodes.OverlappingEvent);
        return api;
    }

    private static async Task<IResult> ActiveAsync(HttpContext context, IRequestClient<GetActiveEvents> client)
    {
        var response = await client.GetResponse<ActiveEvents>(new GetActiveEvents(context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    private static async Task<IResult> LeaderboardAsync(string eventId, [AsParameters] EventLeaderboardQuery query, HttpContext context, IRequestClient<GetEventLeaderboard> client)
    {
        if (!Guid.TryParse(eventId, out var id))
        {
            return UnknownEvent(context, eventId);
        }

        var request = new GetEventLeaderboard(context.User.PlayerId(), id, query.Offset ?? 0, query.Limit ?? DefaultLimit);
        var response = await client.GetResponse<LeaderboardPage, LeaderboardNotFound>(request, context.RequestAborted);
        return response.Is(out Response<LeaderboardPage>? page)
            ? ApiResults.Ok(context, page!.Message)
            : response.Is(out Response<LeaderboardNotFound>? notFound)
                ? ApiResults.Error(context, StatusCodes.Status404NotFound, notFound!.Message.Code, notFound.Message.Message)
                : throw new InvalidOperationException("An unexpected answer from the leaderboards worker.");
    }

    private static async Task<IResult> CreateAsync(CreateEventRequest request, IdempotencyKey? key, HttpContext context, IRequestClient<CreateCompetitionEvent> client)
    {
        var adminId = context.User.PlayerId();
        // The command id is the event id: the same key of the same admin creates one event however often it is posted.
        var commandId = CommandIds.For(key, adminId, "admin-event");
        var rewards = (request.Rewards ?? []).Select(r => new EventReward(r.FromRank!.Value, r.ToRank!.Value, r.GoldenFleece!.Value)).ToList();
        var command = new CreateCompetitionEvent(commandId, adminId, context.TraceIdentifier, request.Name!, request.Type!, request.StartsAt!.Value, request.EndsAt!.Value, rewards);
        var response = await client.GetResponse<CompetitionEventView, CompetitionEventRefused>(command, context.RequestAborted);
        if (response.Is(out Response<CompetitionEventView>? created))
        {
            return ApiResults.Ok(context, created!.Message, StatusCodes.Status201Created);
        }

        return response.Is(out Response<CompetitionEventRefused>? refused)
            ? ApiResults.Error(context, refused!.Message.Code == LeaderboardErrorCodes.OverlappingEvent ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, refused.Message.Code, refused.Message.Message)
            : throw new InvalidOperationException("An unexpected answer from the leaderboards worker.");
    }

    private static IResult UnknownEvent(HttpContext context, string eventId) =>
        ApiResults.Error(context, StatusCodes.Status404NotFound, LeaderboardErrorCodes.UnknownEvent, $"There is no event '{eventId}'.");
}
