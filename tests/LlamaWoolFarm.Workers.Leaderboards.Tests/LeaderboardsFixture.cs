using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests;

/// <summary>The leaderboards module on a fresh test harness with the in-process store (the adapters have their own contract suite).</summary>
public sealed class LeaderboardsFixture : WorkerFixture
{
    private LeaderboardsFixture(ServiceProvider provider)
        : base(provider)
    {
    }

    public LeaderboardService Service => Provider.GetRequiredService<LeaderboardService>();

    /// <summary>Starts the module; <paramref name="services"/> may put its own store or settings in first.</summary>
    public static async Task<LeaderboardsFixture> StartAsync(Action<IServiceCollection>? services = null) =>
        new(await TestBus.StartAsync(
            s =>
            {
                services?.Invoke(s);
                LeaderboardsWorker.AddCore(s);
            },
            LeaderboardsWorker.AddConsumers));

    public static ScoresChanged Scores(Guid player, long revision, string wool, DateTimeOffset at, int prestiges = 0, string? netWorth = null, string perSecond = "1") =>
        new(player, revision, wool, netWorth ?? wool, 0, prestiges, perSecond, at);

    /// <summary>Applies score changes as one batch, as the consumer does.</summary>
    public Task ApplyAsync(params ScoresChanged[] changes) => Service.ApplyAsync(changes, Harness.Bus, CancellationToken.None);

    public async Task<TResponse> AskAsync<TRequest, TResponse>(TRequest request)
        where TRequest : class
        where TResponse : class
    {
        var client = Harness.GetRequestClient<TRequest>();
        var response = await client.GetResponse<TResponse, Contracts.Leaderboards.LeaderboardNotFound>(request);
        Assert.True(response.Is(out Response<TResponse>? ok), $"expected {typeof(TResponse).Name}, got {response.Message}");
        return ok!.Message;
    }
}
