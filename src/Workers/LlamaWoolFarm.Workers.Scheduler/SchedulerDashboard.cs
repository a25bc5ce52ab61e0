using Hangfire;
using Hangfire.Dashboard;
using LlamaWoolFarm.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Scheduler;

/// <summary>The Hangfire dashboard of the scheduler, for admins only.</summary>
public static class SchedulerDashboard
{
    /// <summary>Mounts the dashboard at <c>Scheduler:DashboardPath</c>; authentication must run before it.</summary>
    public static IApplicationBuilder UseSchedulerDashboard(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<SchedulerOptions>();
        return app.UseHangfireDashboard(options.DashboardPath, new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            DisplayStorageConnectionString = false,
            AppPath = null,
        });
    }

    /// <summary>Lets through authenticated users whose token carries the role claim <c>admin</c>.</summary>
    public sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.HasClaim(AuthenticationExtensions.RoleClaim, "admin");
        }
    }
}
