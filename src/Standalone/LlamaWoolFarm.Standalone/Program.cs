using LlamaWoolFarm.Gateway;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Realtime;
using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;
using LlamaWoolFarm.Workers.Host;
using LlamaWoolFarm.Workers.Scheduler;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlamaWoolFarm.Standalone;

/// <summary>
/// The whole system in one process: gateway, realtime hub, every worker module, the in-memory bus, SQLite under
/// the data folder, and the web client. Not the production topology.
/// </summary>
public sealed class Program
{
    // WebApplicationFactory needs a non-static entry type to find the assembly; nobody instantiates it.
    private Program()
    {
    }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("standalone");
        builder.AddDocumentStore();
        builder.AddJwtAuthentication();
        GatewayModule.AddServices(builder);
        RealtimeModule.AddServices(builder);
        WorkerModules.AddTo(builder, WorkerModules.All, bus =>
        {
            GatewayModule.AddBusClients(bus);
            RealtimeModule.AddConsumers(bus);
        });
        // Guest sign-in goes to the accounts module in this process, not over the bus (InProcessGuestAccounts).
        builder.Services.Replace(ServiceDescriptor.Singleton<IGuestAccounts, InProcessGuestAccounts>());
        // The in-memory bus holds messages only in memory: a 202 follows a commit to the SQLite outbox instead.
        builder.AddCommandOutbox();

        var app = builder.Build();
        GatewayModule.UsePipeline(app, web =>
        {
            web.UseDefaultFiles();
            web.UseStaticFiles();
        });
        // The scheduler's Hangfire dashboard, for admins (after authentication, which the pipeline above runs).
        app.UseSchedulerDashboard();
        app.MapServiceDefaults();
        GatewayModule.Map(app);
        RealtimeModule.Map(app);
        app.Run();
    }
}
