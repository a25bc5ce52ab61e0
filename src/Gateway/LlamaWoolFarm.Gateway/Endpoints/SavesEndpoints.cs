namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/saves</c>: routes arrive with the issue that builds this area.</summary>
public static class SavesEndpoints
{
    public static RouteGroupBuilder MapSaves(this RouteGroupBuilder api) => api;
}
