using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/game</c>: the state and the actions of the player's farm.</summary>
public static class GameEndpoints
{
    private const int MaxIdempotencyKeyLength = 128;

    public static RouteGroupBuilder MapGame(this RouteGroupBuilder api)
    {
        var game = api.MapGroup("/game").WithTags("game");
        game.MapGet("/state", StateAsync);
        game.MapPost("/actions", ActionAsync).Validate<GameActionRequest>();
        return api;
    }

    private static async Task<IResult> StateAsync(HttpContext context, IRequestClient<GetGameState> game)
    {
        var response = await game.GetResponse<GameStateView>(new GetGameState(context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    private static async Task<IResult> ActionAsync(GameActionRequest request, HttpContext context, ISendEndpointProvider bus)
    {
        var playerId = context.User.PlayerId();
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The Idempotency-Key header must be at most 128 printable characters.");
        }

        var commandId = key.Length == 0 ? NewId.NextGuid() : CommandIdFor(playerId, key);
        var endpoint = await bus.GetSendEndpoint(Queues.For<SubmitClicks>());
        await endpoint.Send(new SubmitClicks(commandId, playerId, request.Quantity!.Value, context.TraceIdentifier), context.RequestAborted);
        return ApiResults.Ok(context, new { commandId }, StatusCodes.Status202Accepted);
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
