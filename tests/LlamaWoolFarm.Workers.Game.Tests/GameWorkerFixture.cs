using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>The game module on a fresh test harness.</summary>
public sealed class GameWorkerFixture : IAsyncDisposable
{
    private GameWorkerFixture(ServiceProvider provider) => Provider = provider;

    public ServiceProvider Provider { get; }

    public ITestHarness Harness => Provider.GetRequiredService<ITestHarness>();

    public ManualClock Clock => Provider.GetRequiredService<ManualClock>();

    public GameCommandService Service => Provider.GetRequiredService<GameCommandService>();

    public static async Task<GameWorkerFixture> StartAsync() =>
        new(await TestBus.StartAsync(s => s.AddSingleton<GameCommandService>(), GameWorker.AddConsumers));

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
    }
}
