namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/events</c>: routes arrive with the issue that builds this area.</summary>
public static class EventsEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api) => api;
}
