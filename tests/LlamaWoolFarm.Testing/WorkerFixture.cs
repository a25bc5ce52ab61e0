using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A worker module started on <see cref="TestBus"/> (fresh harness, SQLite store in a temp folder, manual clock). A
/// test project's fixture derives from it, starts its module with <c>TestBus.StartAsync</c> and adds its own helpers.
/// </summary>
public abstract class WorkerFixture : IAsyncDisposable
{
    protected WorkerFixture(ServiceProvider provider) => Provider = provider;

    public ServiceProvider Provider { get; }

    public ITestHarness Harness => Provider.GetRequiredService<ITestHarness>();

    public ManualClock Clock => Provider.GetRequiredService<ManualClock>();

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
