using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.ServiceDefaults.Auth;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// The anti-cheat review (role <c>admin</c>, by the admin convention): players by anomaly score, a player's anomaly
/// history, ban and clear, the active bans, and the audit log of admin actions. Anomalies, bans and the log are the
/// accounts worker's; the gateway keeps the ban list every instance enforces (<see cref="BanList"/>).
/// </summary>
public static class ModerationEndpoints
{
    public static RouteGroupBuilder MapModeration(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("admin");
        admin.MapGet("/anomalies", ScoresAsync).Validate<AnomalyScoresQuery>()
            .WithName("ListAnomalyScores")
            .WithSummary("Players with anomaly records, highest anomaly score first (paged with offset and limit).")
            .Answers<AnomalyScorePage>();
        admin.MapGet("/players/{playerId}/anomalies", HistoryAsync).Validate<PlayerAnomaliesQuery>()
            .WithName("GetPlayerAnomalies")
            .WithSummary("A player's anomaly records, newest first, with the evidence, its score and its active ban.")
            .Answers<PlayerAnomalies>();
        admin.MapPost("/players/{playerId}/ban", BanAsync).Validate<BanRequest>()
            .WithName("BanPlayer")
            .WithSummary("Ban a player (reason required, optional expiry): its tokens, refreshes and sign-ins are refused and its leaderboard entries hidden.")
            .Answers<BanResult>()
            .Refuses(StatusCodes.Status404NotFound, ErrorCodes.PlayerNotFound)
            .Refuses(StatusCodes.Status422UnprocessableEntity, ErrorCodes.CannotBanAdmin);
        admin.MapPost("/players/{playerId}/clear", ClearAsync).Validate<ClearRequest>()
            .WithName("ClearPlayer")
            .WithSummary("Lift a player's ban and/or mark its anomalies reviewed (reviewed records no longer count in the score).")
            .Answers<PlayerClearedView>()
            .Refuses(StatusCodes.Status404NotFound, ErrorCodes.PlayerNotFound);
        admin.MapGet("/bans", BansAsync)
            .WithName("ListBans")
            .WithSummary("The active bans every gateway instance enforces, newest first.")
            .Answers<BanListView>();
        admin.MapGet("/audit", AuditAsync).Validate<AuditLogQuery>()
            .WithName("ListAdminAuditLog")
            .WithSummary("The audit log of admin actions (who, what, when, target, details), newest first, paged by the next cursor.")
            .Answers<AdminAuditPage>();
        return api;
    }

    private static async Task<IResult> ScoresAsync([AsParameters] AnomalyScoresQuery query, HttpContext context, IRequestClient<GetAnomalyScores> client)
    {
        var response = await client.GetResponse<AnomalyScorePage>(new GetAnomalyScores(query.Offset ?? 0, query.Limit ?? 50), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    private static async Task<IResult> HistoryAsync(string playerId, [AsParameters] PlayerAnomaliesQuery query, HttpContext context, IRequestClient<GetPlayerAnomalies> client)
    {
        if (!Guid.TryParse(playerId, out var id))
        {
            return BadPlayerId(context);
        }

        var response = await client.GetResponse<PlayerAnomalies>(new GetPlayerAnomalies(id, query.Limit ?? 100), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    /// <summary>The accounts worker records the ban (and tells the leaderboards); then the ban list makes every instance refuse the player.</summary>
    private static async Task<IResult> BanAsync(string playerId, BanRequest request, HttpContext context, IRequestClient<BanPlayer> client, BanList bans)
    {
        if (!Guid.TryParse(playerId, out var id))
        {
            return BadPlayerId(context);
        }

        var command = new BanPlayer(id, context.User.PlayerId(), request.Reason!.Trim(), request.ExpiresAt?.ToUniversalTime());
        var response = await client.GetResponse<PlayerBanned, ModerationRefused>(command, context.RequestAborted);
        if (!response.Is(out Response<PlayerBanned>? ok))
        {
            return response.Is(out Response<ModerationRefused>? refused) ? Refusal(context, refused.Message) : Unexpected(context);
        }

        var banned = ok.Message;
        await bans.SetAsync(new BanEntry(banned.PlayerId, banned.Reason, banned.AdminId, banned.BannedAt, banned.ExpiresAt), context.RequestAborted);
        return ApiResults.Ok(context, new BanResult(new BanView(banned.PlayerId, banned.Reason, banned.AdminId, banned.BannedAt, banned.ExpiresAt)));
    }

    private static async Task<IResult> ClearAsync(string playerId, ClearRequest request, HttpContext context, IRequestClient<ClearPlayer> client, BanList bans)
    {
        if (!Guid.TryParse(playerId, out var id))
        {
            return BadPlayerId(context);
        }

        var command = new ClearPlayer(id, context.User.PlayerId(), request.LiftBan == true, request.MarkReviewed == true, request.Note?.Trim());
        var response = await client.GetResponse<PlayerCleared, ModerationRefused>(command, context.RequestAborted);
        if (!response.Is(out Response<PlayerCleared>? ok))
        {
            return response.Is(out Response<ModerationRefused>? refused) ? Refusal(context, refused.Message) : Unexpected(context);
        }

        if (command.LiftBan)
        {
            // Removed whatever the worker found: the enforced list never keeps a ban the record says is gone.
            await bans.RemoveAsync(id, context.RequestAborted);
        }

        var cleared = ok.Message;
        return ApiResults.Ok(context, new PlayerClearedView(id, cleared.BanLifted, cleared.Reviewed, cleared.Score));
    }

    private static async Task<IResult> BansAsync(HttpContext context, BanList bans) =>
        ApiResults.Ok(context, new BanListView([.. (await bans.AllAsync(context.RequestAborted)).Select(b => new BanView(b.PlayerId, b.Reason, b.BannedBy, b.BannedAt, b.ExpiresAt))]));

    private static async Task<IResult> AuditAsync([AsParameters] AuditLogQuery query, HttpContext context, IRequestClient<GetAdminAuditLog> client)
    {
        var response = await client.GetResponse<AdminAuditPage>(new GetAdminAuditLog(query.After, query.Limit ?? 50), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    private static IResult Refusal(HttpContext context, ModerationRefused refused) => refused.Code switch
    {
        ModerationErrorCodes.PlayerNotFound => ApiResults.Error(context, 404, ErrorCodes.PlayerNotFound, refused.Message),
        ModerationErrorCodes.CannotBanAdmin => ApiResults.Error(context, 422, ErrorCodes.CannotBanAdmin, refused.Message),
        _ => ApiResults.Error(context, 422, refused.Code, refused.Message),
    };

    private static IResult Unexpected(HttpContext context) =>
        ApiResults.Error(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Unexpected answer from the accounts service.");

    private static IResult BadPlayerId(HttpContext context) =>
        ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The request is not valid.", new Dictionary<string, string[]>
        {
            ["playerId"] = ["'playerId' must be a player id (a GUID)."],
        });
}
