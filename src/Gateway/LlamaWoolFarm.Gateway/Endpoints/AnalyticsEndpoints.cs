namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/analytics</c>: routes arrive with the issue that builds this area.</summary>
public static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalytics(this RouteGroupBuilder api) => api;
}
