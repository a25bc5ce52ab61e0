using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Services;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/achievements</c>: the catalog's achievements with the player's unlocked ones. Both come from the game
/// worker (the catalog it plays by and the player's state), so the answer can never disagree with the rules.
/// </summary>
public static class AchievementsEndpoints
{
    public static RouteGroupBuilder MapAchievements(this RouteGroupBuilder api)
    {
        api.MapGroup("/achievements").WithTags("achievements").MapGet("/", ListAsync)
            .WithSummary("Every achievement of the catalog with its name, condition and whether the player unlocked it.")
            .Answers<AchievementsListView>();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IRequestClient<GetGameConfig> config, IRequestClient<GetGameState> state)
    {
        var catalogTask = config.GetResponse<GameConfig>(new GetGameConfig(context.TraceIdentifier), context.RequestAborted);
        var stateTask = state.GetResponse<GameStateView>(new GetGameState(context.User.PlayerId()), context.RequestAborted);
        var (catalog, view) = (await catalogTask, await stateTask);
        return ApiResults.Ok(context, AchievementsView.From(catalog.Message.CatalogJson, catalog.Message.RulesVersion, view.Message.Achievements));
    }
}
