using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Leaderboards;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// Embedded mode: the in-process boards start empty, so once the host has started (the bus is up) they are rebuilt
/// from the game worker's answer to <see cref="GetGameScores"/>, page by page: the game worker owns the states and
/// scores them the way it scores them after a command (no event effects). Score changes consumed meanwhile are newer
/// revisions and win over a rebuilt score; a rebuilt score never moves a player back.
/// </summary>
public sealed class LeaderboardRebuild(ILeaderboardStore store, IBus bus, IHostApplicationLifetime lifetime, ILogger<LeaderboardRebuild> logger) : BackgroundService
{
    public const int PageSize = 500;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Pages through every stored state's scores onto the all-time boards; returns how many were scored.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var client = bus.CreateRequestClient<GetGameScores>();
        var count = 0;
        string? after = null;
        do
        {
            var page = (await client.GetResponse<GameScoresPage>(new GetGameScores(after, PageSize), cancellationToken)).Message;
            await SubmitAsync(page.Scores, cancellationToken);
            count += page.Scores.Count;
            after = page.Next;
        }
        while (after is not null);

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Requests need the bus, which starts with the host: wait for the host to have started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        var begun = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await RebuildAsync(stoppingToken);
                logger.LogInformation("Rebuilt the leaderboards from {Count} stored game states in {Elapsed}", count, DateTimeOffset.UtcNow - begun);
                return;
            }
            catch (Exception e) when (e is RequestTimeoutException or RequestFaultException && !stoppingToken.IsCancellationRequested)
            {
                // The game worker may run in another process that is not up yet: ask again (pages are idempotent).
                logger.LogWarning(e, "Rebuilding the leaderboards failed; retrying in {Delay}", RetryAfter);
                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
    }

    private async Task SubmitAsync(IReadOnlyList<ScoresChanged> scores, CancellationToken cancellationToken)
    {
        foreach (var category in LeaderboardCategories.All)
        {
            var submissions = scores
                .Select(s => (s, Score: CategoryScores.Of(category, s)))
                .Where(x => x.Score is not null)
                .Select(x => new ScoreSubmission(x.s.PlayerId, x.s.Revision, x.Score!, x.s.At))
                .ToList();
            await store.SubmitAsync(category, submissions, cancellationToken);
        }
    }
}
