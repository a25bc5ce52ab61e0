using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging;

namespace LlamaWoolFarm.Gateway;

/// <summary>The gateway: authenticates and validates requests and puts them on the bus.</summary>
public sealed class Program
{
    // WebApplicationFactory needs a non-static entry type to find the assembly; nobody instantiates it.
    private Program()
    {
    }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("gateway");
        builder.AddJwtAuthentication();
        GatewayModule.AddServices(builder);
        builder.AddBus(GatewayModule.AddBusClients);

        var app = builder.Build();
        GatewayModule.UsePipeline(app);
        app.MapServiceDefaults();
        GatewayModule.Map(app);
        app.Run();
    }
}
