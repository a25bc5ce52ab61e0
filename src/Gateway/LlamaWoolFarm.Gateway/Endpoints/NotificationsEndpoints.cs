namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/notifications</c>: routes arrive with the issue that builds this area.</summary>
public static class NotificationsEndpoints
{
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api) => api;
}
