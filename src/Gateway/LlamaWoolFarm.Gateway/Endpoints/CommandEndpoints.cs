using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Gateway.Api;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/commands</c>: outcomes of commands for clients without a live connection.</summary>
public static class CommandEndpoints
{
    public static RouteGroupBuilder MapCommands(this RouteGroupBuilder api)
    {
        api.MapGroup("/commands").WithTags("commands").MapGet("/{commandId:guid}", StatusAsync);
        return api;
    }

    private static async Task<IResult> StatusAsync(Guid commandId, HttpContext context, IRequestClient<GetCommandStatus> commands)
    {
        var response = await commands.GetResponse<CommandStatus>(new GetCommandStatus(commandId, context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }
}
