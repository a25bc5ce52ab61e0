namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/achievements</c>: routes arrive with the issue that builds this area.</summary>
public static class AchievementsEndpoints
{
    public static RouteGroupBuilder MapAchievements(this RouteGroupBuilder api) => api;
}
