using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Leaderboards;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// Embedded mode: the in-process boards start empty, so before the bus consumes anything they are rebuilt from the
/// stored game states, scored the way the game worker scores them (no event effects). Later score changes are
/// newer revisions and simply move players on.
/// </summary>
public sealed class LeaderboardRebuild(ILeaderboardStore store, EmbeddedDocumentScan scan, ILogger<LeaderboardRebuild> logger) : IHostedService
{
    private const int BatchSize = 500;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var count = await RebuildAsync(cancellationToken);
        logger.LogInformation("Rebuilt the leaderboards from {Count} stored game states in {Elapsed}", count, DateTimeOffset.UtcNow - started);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Scores every stored state onto the all-time boards; returns how many states were read.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var batch = new List<ScoresChanged>(BatchSize);
        await foreach (var body in scan.ReadAllAsync("game_states", cancellationToken))
        {
            var stored = JsonSerializer.Deserialize<StoredGameState>(body, DocumentJson.Options);
            if (stored?.State is not { } state)
            {
                continue;
            }

            count++;
            batch.Add(Scores(stored.PlayerId, state));
            if (batch.Count == BatchSize)
            {
                await SubmitAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        await SubmitAsync(batch, cancellationToken);
        return count;
    }

    private static ScoresChanged Scores(Guid playerId, Domain.State.PlayerState state)
    {
        var engine = GameEngine.V1;
        var perSecond = BigNumber.Zero;
        foreach (var rate in engine.ComputeRates(state, ActiveEffects.None).Values)
        {
            perSecond += rate;
        }

        return new ScoresChanged(
            playerId,
            state.Revision,
            state.LifetimeWoolProduced.ToString(),
            engine.NetWorth(state).ToString(),
            state.SoulShears,
            (int)Math.Min(state.TotalPrestiges, int.MaxValue),
            perSecond.ToString(),
            state.LastActiveAt);
    }

    private async Task SubmitAsync(List<ScoresChanged> batch, CancellationToken cancellationToken)
    {
        foreach (var category in Contracts.Leaderboards.LeaderboardCategories.All)
        {
            var submissions = batch
                .Select(s => (s, Score: CategoryScores.Of(category, s)))
                .Where(x => x.Score is not null)
                .Select(x => new ScoreSubmission(x.s.PlayerId, x.s.Revision, x.Score!, x.s.At))
                .ToList();
            await store.SubmitAsync(category, submissions, cancellationToken);
        }
    }
}
