using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using Microsoft.Extensions.FileProviders;

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
        // The web client (copied from Standalone's wwwroot at build), served before authentication like any static page.
        var webClient = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "webclient"));
        GatewayModule.UsePipeline(app, web =>
        {
            web.UseDefaultFiles(new DefaultFilesOptions { FileProvider = webClient });
            web.UseStaticFiles(new StaticFileOptions { FileProvider = webClient });
        });
        app.MapServiceDefaults();
        GatewayModule.Map(app);
        app.Run();
    }
}
