namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/players</c>: routes arrive with the issue that builds this area.</summary>
public static class PlayersEndpoints
{
    public static RouteGroupBuilder MapPlayers(this RouteGroupBuilder api) => api;
}
