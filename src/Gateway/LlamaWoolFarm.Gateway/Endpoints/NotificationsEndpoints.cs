using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/notifications</c>: the player's notifications and their read state, answered by the notifications
/// worker; <c>/api/v1/admin/notifications/maintenance</c> broadcasts a maintenance notice (role <c>admin</c>).
/// </summary>
public static class NotificationsEndpoints
{
    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("notifications");
        notifications.MapGet(string.Empty, ListAsync)
            .WithSummary("The player's notifications, newest first (unreadOnly, limit).")
            .Answers<NotificationsView>()
            .Refuses(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError);
        notifications.MapPost("/read", MarkReadAsync).Validate<MarkNotificationsReadRequest>()
            .WithSummary("Mark notifications read: by id, or all.")
            .Answers<NotificationsMarkedView>();
        api.MapGroup("/admin/notifications").WithTags("notifications", "admin")
            .MapPost("/maintenance", MaintenanceAsync).Validate<MaintenanceNoticeRequest>()
            .WithSummary("Send a maintenance notice to every player; 200 for a replay of the same command.")
            .Answers<MaintenanceNoticeView>(StatusCodes.Status201Created).Answers<MaintenanceNoticeView>();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IRequestClient<GetNotifications> notifications, string? unreadOnly, string? limit)
    {
        var (unread, count, field, problem) = NotificationsQuery.Parse(unreadOnly, limit);
        if (field is not null)
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The request is not valid.", new Dictionary<string, string[]> { [field] = [problem!] });
        }

        var response = await notifications.GetResponse<NotificationList>(new GetNotifications(context.User.PlayerId(), unread, count), context.RequestAborted);
        return ApiResults.Ok(context, new NotificationsView(response.Message.Notifications, response.Message.Unread));
    }

    private static async Task<IResult> MarkReadAsync(MarkNotificationsReadRequest request, HttpContext context, IRequestClient<MarkNotificationsRead> notifications)
    {
        var command = new MarkNotificationsRead(context.User.PlayerId(), request.Ids ?? [], request.All == true, context.TraceIdentifier);
        var response = await notifications.GetResponse<NotificationsMarkedRead>(command, context.RequestAborted);
        return ApiResults.Ok(context, new NotificationsMarkedView(response.Message.Marked, response.Message.Unread));
    }

    private static async Task<IResult> MaintenanceAsync(MaintenanceNoticeRequest request, IdempotencyKey? key, HttpContext context, IRequestClient<SendMaintenanceNotice> notifications)
    {
        // The idempotency middleware replays a kept answer; deriving the command from the key also makes a resend
        // after the retention name the same notice, so players see it once.
        var adminId = context.User.PlayerId();
        var commandId = CommandIds.For(key, adminId, "maintenance");
        var command = new SendMaintenanceNotice(commandId, adminId, context.TraceIdentifier, request.Title!.Trim(), request.Message!.Trim(), request.StartsAt, request.EndsAt);
        var response = await notifications.GetResponse<MaintenanceNoticeSent>(command, context.RequestAborted);
        var sent = response.Message;
        return ApiResults.Ok(context, new MaintenanceNoticeView(commandId, sent.Notification, sent.Replayed), sent.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }
}
