namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/admin</c>: routes arrive with the issue that builds this area.</summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this RouteGroupBuilder api) => api;
}
