using LlamaWoolFarm.Domain.State;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>The game module on a fresh test harness.</summary>
public sealed class GameWorkerFixture : WorkerFixture
{
    private GameWorkerFixture(ServiceProvider provider)
        : base(provider)
    {
    }

    public GameCommandService Service => Provider.GetRequiredService<GameCommandService>();

    public static async Task<GameWorkerFixture> StartAsync(Action<IServiceCollection>? services = null) =>
        new(await TestBus.StartAsync(
            s =>
            {
                // The worker's own event effects over the test's store: no event runs unless a test starts one.
                s.AddSingleton<RunningEventEffects>();
                s.AddSingleton<IActiveEffectsProvider>(sp => sp.GetRequiredService<RunningEventEffects>());
                s.AddSingleton<GameCommandService>();
                s.AddSingleton<SaveStateService>();
                s.AddSingleton<GameScoresService>();
                services?.Invoke(s);
            },
            GameWorker.AddConsumers));

    /// <summary>Stores a state for the player as if earlier commands had built it (revision 0, materialized now).</summary>
    public async Task<PlayerState> SeedAsync(Guid playerId, Action<PlayerState> configure)
    {
        var state = PlayerState.CreateNew(playerId.ToString("N"), Clock.Now);
        state.SpendClicksUntil(Clock.Now.AddSeconds(-5));
        configure(state);
        var states = Provider.GetRequiredService<IDocumentStore>().Collection<GameStateDocument>("game_states");
        Assert.True(await states.InsertAsync(playerId.ToString("N"), new GameStateDocument { PlayerId = playerId, State = state }));
        return state;
    }

    /// <summary>Sends a command to its queue and waits until it was consumed and everything it caused has settled.</summary>
    public async Task SendAsync<T>(T command)
        where T : class
    {
        var before = Harness.Consumed.Select<T>().Count();
        var endpoint = await Harness.Bus.GetSendEndpoint(Queues.For<T>());
        await endpoint.Send(command);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Harness.Consumed.Select<T>().Count() <= before)
        {
            await Task.Delay(10, timeout.Token);
        }

        await Harness.InactivityTask;
    }

    /// <summary>The messages of type T published so far, oldest first.</summary>
    public List<T> Published<T>()
        where T : class => [.. Harness.Published.Select<T>().Select(p => p.Context.Message)];

    /// <summary>The applied commands published so far, oldest first: each rides on its <c>GameStateChanged</c>.</summary>
    public List<Contracts.Game.ActionApplied> Applied() =>
        [.. Published<Contracts.Game.GameStateChanged>().Select(e => e.Applied).OfType<Contracts.Game.ActionApplied>()];

    public Task<Contracts.Game.GameStateView> StateAsync(Guid playerId) => Service.GetStateAsync(playerId, CancellationToken.None);
}
