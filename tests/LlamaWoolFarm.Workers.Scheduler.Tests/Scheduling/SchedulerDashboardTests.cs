using System.Security.Claims;
using Hangfire;
using Hangfire.Storage.SQLite;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Scheduling;

/// <summary>Who gets into the Hangfire dashboard.</summary>
[Collection(HangfireCollection.Name)]
public sealed class SchedulerDashboardTests
{
    [Theory]
    [InlineData(true, "admin", true)]
    [InlineData(true, "player", false)]
    [InlineData(false, "admin", false)]
    [InlineData(true, null, false)]
    public void Only_an_authenticated_admin_is_let_in(bool authenticated, string? role, bool allowed)
    {
        var claims = role is null ? new List<Claim>() : [new Claim("role", role)];
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, authenticated ? "Bearer" : null));
        var storage = new SQLiteStorage(Path.Combine(TestServers.NewDataFolder(), "dashboard.db"));
        var context = new Hangfire.Dashboard.AspNetCoreDashboardContext(storage, new DashboardOptions(), new DefaultHttpContext { User = user, RequestServices = new ServiceCollection().BuildServiceProvider() });

        Assert.Equal(allowed, new SchedulerDashboard.AdminOnly().Authorize(context));
    }
}
