using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Gateway.Api;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/commands</c>: outcomes of commands for clients without a live connection.</summary>
public static class CommandEndpoints
{
    public static RouteGroupBuilder MapCommands(this RouteGroupBuilder api)
    {
        api.MapGroup("/commands").WithTags("commands").MapGet("/{commandId:guid}", StatusAsync)
            .WithSummary("The outcome of a game command: pending, completed (with its changes) or rejected (with its code).")
            .Answers<CommandStatus>()
            .Refuses(StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        return api;
    }

    /// <summary>
    /// The game worker's record when it has one; "pending" for a command this player had accepted (202) that the
    /// worker has not recorded yet (<see cref="AcceptedCommandLog"/>); 404 <c>NOT_FOUND</c> for any other id, so a
    /// client never polls forever for a command that does not exist (or is another player's).
    /// </summary>
    private static async Task<IResult> StatusAsync(Guid commandId, HttpContext context, IRequestClient<GetCommandStatus> commands, AcceptedCommandLog accepted)
    {
        var playerId = context.User.PlayerId();
        var status = (await commands.GetResponse<CommandStatus>(new GetCommandStatus(commandId, playerId), context.RequestAborted)).Message;
        if (status.Status == CommandStatuses.Pending && !await accepted.AcceptedAsync(playerId, commandId, context.RequestAborted))
        {
            // After a Standalone restart the outbox is the only record of an acceptance, and it drops a command once
            // the worker has finished it: one that finished between the two reads is in the worker's record now.
            status = (await commands.GetResponse<CommandStatus>(new GetCommandStatus(commandId, playerId), context.RequestAborted)).Message;
            if (status.Status == CommandStatuses.Pending)
            {
                return ApiResults.Error(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "There is no command with this id.");
            }
        }

        return ApiResults.Ok(context, status);
    }
}
