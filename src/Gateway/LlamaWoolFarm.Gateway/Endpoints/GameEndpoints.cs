using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Backpressure;
using LlamaWoolFarm.Gateway.Maintenance;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/game</c>: the catalog, the state, the actions and the offline gains of the player's farm. The
/// gateway holds no rules: the catalog and every number come from the game worker.
/// </summary>
public static class GameEndpoints
{
    public static RouteGroupBuilder MapGame(this RouteGroupBuilder api)
    {
        var game = api.MapGroup("/game").WithTags("game");
        game.MapGet("/config", ConfigAsync)
            .WithSummary("The catalog of the rules in force: wool types, buildings, upgrades, achievements (big numbers as strings).")
            .Answers<JsonElement>();
        game.MapGet("/state", StateAsync)
            .WithSummary("The player's farm as of now: wool, rates, buildings, upgrades, next prices, prestige preview.")
            .Answers<GameStateView>();
        game.MapPost("/actions", ActionAsync).Validate<GameActionRequest>().RefusedDuringMaintenance().ShedUnderOverload()
            .WithSummary("Click, buy a building or an upgrade, or prestige: 202 with the command id once durable; the outcome comes as a push or from GET commands/{commandId}.")
            .Answers<CommandAccepted>(StatusCodes.Status202Accepted);
        game.MapGet("/offline", OfflineAsync)
            .WithSummary("The offline progress waiting to be claimed, if any.")
            .Answers<OfflineProgressView>();
        game.MapPost("/offline/claim", ClaimOfflineAsync).RefusedDuringMaintenance().ShedUnderOverload()
            .WithSummary("Claim the offline progress: 202 with the command id, like an action.")
            .Answers<CommandAccepted>(StatusCodes.Status202Accepted);
        return api;
    }

    private static async Task<IResult> ConfigAsync(HttpContext context, IRequestClient<GetGameConfig> game)
    {
        var response = await game.GetResponse<GameConfig>(new GetGameConfig(context.TraceIdentifier), context.RequestAborted);
        using var catalog = JsonDocument.Parse(response.Message.CatalogJson);
        // The catalog changes only with a rules version, i.e. a deployment of the game worker.
        context.Response.Headers.CacheControl = "private, max-age=300";
        return ApiResults.Ok(context, catalog.RootElement.Clone());
    }

    private static async Task<IResult> StateAsync(HttpContext context, IRequestClient<GetGameState> game)
    {
        var response = await game.GetResponse<GameStateView>(new GetGameState(context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    private static async Task<IResult> OfflineAsync(HttpContext context, IRequestClient<GetOfflineProgress> game)
    {
        var response = await game.GetResponse<OfflineProgressView>(new GetOfflineProgress(context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    /// <summary>
    /// 202 once the command is durable (<see cref="IAcceptedCommands"/>: recorded in Standalone's outbox, confirmed by
    /// RabbitMQ otherwise); the game worker then applies it exactly once. The same Idempotency-Key of the same player
    /// always names the same command, so a retry is deduplicated by the worker like any redelivery.
    /// </summary>
    private static async Task<IResult> ActionAsync(GameActionRequest request, IdempotencyKey? key, HttpContext context, IAcceptedCommands commands, AcceptedCommandLog accepted, TimeProvider clock)
    {
        var playerId = context.User.PlayerId();
        var commandId = CommandIds.For(key, playerId);
        var issuedAt = clock.GetUtcNow();
        var requestId = context.TraceIdentifier;
        var quantity = request.Quantity ?? 1;
        var sent = request.Type switch
        {
            GameActionRequestValidator.Click => commands.SendAsync(new SubmitClicks(commandId, playerId, quantity, requestId, issuedAt), context.RequestAborted),
            GameActionRequestValidator.PurchaseBuilding => commands.SendAsync(new PurchaseBuilding(commandId, playerId, request.Target!, quantity, requestId, issuedAt), context.RequestAborted),
            GameActionRequestValidator.PurchaseUpgrade => commands.SendAsync(new PurchaseUpgrade(commandId, playerId, request.Target!, requestId, issuedAt), context.RequestAborted),
            _ => commands.SendAsync(new PerformPrestige(commandId, playerId, requestId, issuedAt), context.RequestAborted),
        };
        await sent;
        await accepted.RecordAsync(playerId, commandId, context.RequestAborted);
        return ApiResults.Ok(context, new CommandAccepted(commandId), StatusCodes.Status202Accepted);
    }

    /// <summary>202 once the claim is durable, like an action.</summary>
    private static async Task<IResult> ClaimOfflineAsync(IdempotencyKey? key, HttpContext context, IAcceptedCommands commands, AcceptedCommandLog accepted, TimeProvider clock)
    {
        var playerId = context.User.PlayerId();
        var commandId = CommandIds.For(key, playerId);
        await commands.SendAsync(new ClaimOfflineProgress(commandId, playerId, context.TraceIdentifier, clock.GetUtcNow()), context.RequestAborted);
        await accepted.RecordAsync(playerId, commandId, context.RequestAborted);
        return ApiResults.Ok(context, new CommandAccepted(commandId), StatusCodes.Status202Accepted);
    }
}
