using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Workers.Scheduler;

namespace LlamaWoolFarm.Workers.Host;

/// <summary>The worker executable: hosts the modules named by <c>Workers:Enabled</c>; serves health only.</summary>
public sealed class Program
{
    // WebApplicationFactory needs a non-static entry type to find the assembly; nobody instantiates it.
    private Program()
    {
    }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("workers");
        builder.AddDocumentStore();
        var modules = WorkerModules.Enabled(builder.Configuration);
        // The scheduler's Hangfire dashboard is for admins, so a host running it validates access tokens.
        var scheduler = modules.Any(m => m.Name == "scheduler");
        if (scheduler)
        {
            builder.AddJwtAuthentication();
        }

        WorkerModules.AddTo(builder, modules);

        var app = builder.Build();
        if (scheduler)
        {
            app.UseAuthentication();
            app.UseSchedulerDashboard();
        }

        app.MapServiceDefaults();
        app.Run();
    }
}
