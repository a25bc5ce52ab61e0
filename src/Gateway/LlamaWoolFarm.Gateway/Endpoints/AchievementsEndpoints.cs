using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Api;
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
        api.MapGroup("/achievements").WithTags("achievements").MapGet("/", ListAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IRequestClient<GetGameConfig> config, IRequestClient<GetGameState> state)
    {
        var catalogTask = config.GetResponse<GameConfig>(new GetGameConfig(context.TraceIdentifier), context.RequestAborted);
        var stateTask = state.GetResponse<GameStateView>(new GetGameState(context.User.PlayerId()), context.RequestAborted);
        var (catalog, view) = (await catalogTask, await stateTask);
        var unlocked = view.Message.Achievements.ToHashSet(StringComparer.Ordinal);

        using var json = JsonDocument.Parse(catalog.Message.CatalogJson);
        var achievements = json.RootElement.TryGetProperty("achievements", out var list)
            ? list.EnumerateArray().Select(a => new
            {
                id = a.GetProperty("id").GetString()!,
                name = a.TryGetProperty("name", out var name) ? name.GetString() : null,
                condition = a.TryGetProperty("condition", out var condition) ? condition.Clone() : (JsonElement?)null,
                unlocked = unlocked.Contains(a.GetProperty("id").GetString()!),
            }).ToList()
            : [];
        return ApiResults.Ok(context, new
        {
            rulesVersion = catalog.Message.RulesVersion,
            unlockedCount = achievements.Count(a => a.unlocked),
            total = achievements.Count,
            achievements,
        });
    }
}
