using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Maintenance;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// Maintenance mode: <c>admin/maintenance</c> starts, schedules, reads and ends a window (role <c>admin</c>, by the
/// admin convention); <c>config/maintenance</c> tells anyone, signed in or not, whether one is active or coming.
/// </summary>
public static class MaintenanceEndpoints
{
    /// <summary>How long the admin waits for the notice to be sent before the answer says it was not.</summary>
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapMaintenance(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/maintenance").WithTags("admin");
        admin.MapGet(string.Empty, GetAsync)
            .WithSummary("The maintenance window: active now, scheduled, or none.")
            .Answers<MaintenanceView>();
        admin.MapPost(string.Empty, SetAsync).Validate<MaintenanceRequest>()
            .WithSummary("Start (no startsAt) or schedule a maintenance window, replacing any other; game and save commands answer 503 MAINTENANCE during it. Also sends the maintenance notice unless notify is false.")
            .Answers<MaintenanceSetView>();
        admin.MapDelete(string.Empty, EndAsync)
            .WithSummary("End or cancel the maintenance window now.")
            .Answers<MaintenanceEndedView>();
        api.MapGroup("/config").WithTags("config").MapGet("/maintenance", GetAsync).AllowAnonymous()
            .WithSummary("Public: whether maintenance is active or scheduled, its message, start and expected end.")
            .Answers<MaintenanceView>();
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext context, MaintenanceSchedule schedule) =>
        ApiResults.Ok(context, await schedule.ViewAsync(context.RequestAborted));

    /// <summary>
    /// Stores the window first (that is what protects players' data), then asks the notifications worker to tell every
    /// player, which reaches connected ones as a <c>notification</c> push; a notice that fails is reported, not fatal.
    /// </summary>
    private static async Task<IResult> SetAsync(
        MaintenanceRequest request,
        IdempotencyKey? key,
        HttpContext context,
        MaintenanceSchedule schedule,
        TimeProvider clock,
        IRequestClient<SendMaintenanceNotice> notifications,
        ILogger<MaintenanceSchedule> logger)
    {
        var adminId = context.User.PlayerId();
        var now = clock.GetUtcNow();
        var window = new MaintenanceWindow(request.Message!.Trim(), request.StartsAt ?? now, request.EndsAt!.Value, adminId, now);
        await schedule.SetAsync(window, context.RequestAborted);
        var notified = false;
        if (request.Notify != false)
        {
            try
            {
                var notice = new SendMaintenanceNotice(CommandIds.For(key, adminId, "maintenance-window"), adminId, context.TraceIdentifier, "Maintenance", window.Message, window.StartsAt, window.EndsAt);
                await notifications.GetResponse<MaintenanceNoticeSent>(notice, context.RequestAborted, RequestTimeout.After(s: (int)NoticeTimeout.TotalSeconds));
                notified = true;
            }
            catch (RequestTimeoutException error)
            {
                logger.LogWarning(error, "The maintenance window is set but its notice was not sent in time.");
            }
        }

        return ApiResults.Ok(context, new MaintenanceSetView(schedule.View(window), notified));
    }

    private static async Task<IResult> EndAsync(HttpContext context, MaintenanceSchedule schedule)
    {
        var ended = await schedule.EndAsync(context.RequestAborted);
        return ApiResults.Ok(context, new MaintenanceEndedView(ended, MaintenanceView.None));
    }
}
