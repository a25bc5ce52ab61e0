using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging;

namespace LlamaWoolFarm.Realtime;

/// <summary>The realtime service: the SignalR hub, fed by result events from the bus.</summary>
public sealed class Program
{
    // WebApplicationFactory needs a non-static entry type to find the assembly; nobody instantiates it.
    private Program()
    {
    }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("realtime");
        builder.AddJwtAuthentication();
        RealtimeModule.AddServices(builder);
        builder.AddBus(RealtimeModule.AddConsumers);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapServiceDefaults();
        RealtimeModule.Map(app);
        app.Run();
    }
}
