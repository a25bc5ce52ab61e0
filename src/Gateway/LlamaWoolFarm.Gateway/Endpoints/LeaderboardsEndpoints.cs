namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/leaderboards</c>: routes arrive with the issue that builds this area.</summary>
public static class LeaderboardsEndpoints
{
    public static RouteGroupBuilder MapLeaderboards(this RouteGroupBuilder api) => api;
}
