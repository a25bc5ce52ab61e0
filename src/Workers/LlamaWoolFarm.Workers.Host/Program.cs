using LlamaWoolFarm.ServiceDefaults.Hosting;

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
        WorkerModules.AddTo(builder, WorkerModules.Enabled(builder.Configuration));

        var app = builder.Build();
        app.MapServiceDefaults();
        app.Run();
    }
}
