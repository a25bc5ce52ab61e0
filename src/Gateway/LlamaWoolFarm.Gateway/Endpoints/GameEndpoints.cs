using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Api;
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
    private const int MaxIdempotencyKeyLength = 128;

    public static RouteGroupBuilder MapGame(this RouteGroupBuilder api)
    {
        var game = api.MapGroup("/game").WithTags("game");
        game.MapGet("/config", ConfigAsync);
        game.MapGet("/state", StateAsync);
        game.MapPost("/actions", ActionAsync).Validate<GameActionRequest>();
        game.MapGet("/offline", OfflineAsync);
        game.MapPost("/offline/claim", ClaimOfflineAsync);
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
    /// RabbitMQ otherwise); the game worker then applies it exactly once.
    /// </summary>
    private static async Task<IResult> ActionAsync(GameActionRequest request, HttpContext context, IAcceptedCommands commands, TimeProvider clock)
    {
        if (!TryCommandId(context, out var commandId, out var refusal))
        {
            return refusal;
        }

        var playerId = context.User.PlayerId();
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
        return ApiResults.Ok(context, new { commandId }, StatusCodes.Status202Accepted);
    }

    /// <summary>202 once the claim is durable, like an action.</summary>
    private static async Task<IResult> ClaimOfflineAsync(HttpContext context, IAcceptedCommands commands, TimeProvider clock)
    {
        if (!TryCommandId(context, out var commandId, out var refusal))
        {
            return refusal;
        }

        await commands.SendAsync(new ClaimOfflineProgress(commandId, context.User.PlayerId(), context.TraceIdentifier, clock.GetUtcNow()), context.RequestAborted);
        return ApiResults.Ok(context, new { commandId }, StatusCodes.Status202Accepted);
    }

    /// <summary>The command id: from the Idempotency-Key header when there is one, new otherwise.</summary>
    private static bool TryCommandId(HttpContext context, out Guid commandId, out IResult refusal)
    {
        var playerId = context.User.PlayerId();
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        refusal = Results.Empty;
        commandId = Guid.Empty;
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
        {
            refusal = ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The Idempotency-Key header must be at most 128 printable characters.");
            return false;
        }

        commandId = key.Length == 0 ? NewId.NextGuid() : CommandIdFor(playerId, key);
        return true;
    }

    /// <summary>
    /// The same Idempotency-Key of the same player always names the same command, so a retried POST is
    /// deduplicated by the worker like any redelivery, with no state in the gateway.
    /// </summary>
    private static Guid CommandIdFor(Guid playerId, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{playerId:N}:{key}"), hash);
        return new Guid(hash[..16]);
    }
}
