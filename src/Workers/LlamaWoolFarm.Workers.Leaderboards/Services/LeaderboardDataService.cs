using System.Text.Json;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Leaderboards;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// The leaderboards module's part of a player's data as a whole: every board entry (all-time, the seasons of the
/// look-back window, every competition event, and their gain baselines) and every archived row, exported or purged.
/// </summary>
public sealed class LeaderboardDataService
{
    /// <summary>Seasons older than this hold no entries a purge looks for (the board keys cannot be listed).</summary>
    public static readonly TimeSpan SeasonLookBack = TimeSpan.FromDays(2 * 366);

    private static readonly string[] SeasonPeriods = [LeaderboardCategories.Weekly, LeaderboardCategories.Monthly];

    private readonly ILeaderboardStore _store;
    private readonly LeaderboardService _boards;
    private readonly IDocumentCollection<CompetitionEventDocument> _events;
    private readonly IDocumentCollection<SeasonArchive> _archives;
    private readonly TimeProvider _clock;

    public LeaderboardDataService(ILeaderboardStore store, LeaderboardService boards, IDocumentStore documents, TimeProvider clock)
    {
        _store = store;
        _boards = boards;
        _events = documents.Collection<CompetitionEventDocument>("competition_events", new DocumentIndex("type"));
        _archives = documents.Collection<SeasonArchive>("leaderboard_seasons");
        _clock = clock;
    }

    /// <summary>Takes the player off every board and out of every archived standing; returns how many entries and rows went.</summary>
    public async Task<long> PurgeAsync(Guid playerId, CancellationToken cancellationToken)
    {
        long removed = 0;
        foreach (var board in await BoardsAsync(cancellationToken))
        {
            removed += await _store.RemoveAsync(board, playerId, cancellationToken) ? 1 : 0;
            removed += await _store.RemoveAsync(board + ":base", playerId, cancellationToken) ? 1 : 0;
        }

        foreach (var season in SeasonsInWindow())
        {
            var archive = await _archives.GetAsync($"{season.Period}:{season.Season}", cancellationToken);
            var rows = archive?.Document.Standings.Values.Sum(s => s.RemoveAll(e => e.PlayerId == playerId)) ?? 0;
            if (rows > 0 && !await _archives.ReplaceAsync(archive!.Id, archive.Document, archive.Version, cancellationToken))
            {
                throw new ConcurrencyException("A season archive changed while a player was purged from it.", typeof(SeasonArchive), playerId);
            }

            removed += rows;
        }

        foreach (var ev in await EventsAsync(cancellationToken))
        {
            var rows = ev.Document.FinalStandings.RemoveAll(e => e.PlayerId == playerId);
            if (rows > 0 && !await _events.ReplaceAsync(ev.Id, ev.Document, ev.Version, cancellationToken))
            {
                throw new ConcurrencyException("An event changed while a player was purged from its standings.", typeof(CompetitionEventDocument), playerId);
            }

            removed += rows;
        }

        return removed;
    }

    /// <summary>The player's rank in every category (all-time and the current seasons) and in every event, as JSON.</summary>
    public async Task<string> ExportAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var ranks = new List<PlayerRank>();
        foreach (var category in LeaderboardCategories.All)
        {
            foreach (var period in LeaderboardCategories.Periods)
            {
                if (await _boards.GetRankAsync(new GetPlayerRank(playerId, category, period, null), cancellationToken) is PlayerRank rank)
                {
                    ranks.Add(rank);
                }
            }
        }

        var events = new List<object>();
        foreach (var ev in await EventsAsync(cancellationToken))
        {
            var live = await _store.GetEntryAsync(CompetitionEventService.Board(ev.Document.EventId), playerId, cancellationToken);
            var final = ev.Document.FinalStandings.Find(e => e.PlayerId == playerId);
            if (live is not null || final is not null)
            {
                events.Add(new { ev.Document.EventId, ev.Document.Name, rank = final?.Rank ?? live!.Rank, score = final?.Score ?? live!.Score.ToString(), final = final is not null });
            }
        }

        return JsonSerializer.Serialize(new { ranks, events }, DocumentJson.Options);
    }

    private async Task<List<string>> BoardsAsync(CancellationToken cancellationToken)
    {
        var boards = new List<string>(LeaderboardCategories.All);
        foreach (var (period, season) in SeasonsInWindow())
        {
            boards.AddRange(LeaderboardCategories.All.Select(c => Services.Seasons.Board(c, period, season)));
        }

        boards.AddRange((await EventsAsync(cancellationToken)).Select(e => CompetitionEventService.Board(e.Document.EventId)));
        return boards;
    }

    /// <summary>The weekly and monthly seasons from the look-back window up to now.</summary>
    private IEnumerable<(string Period, string Season)> SeasonsInWindow()
    {
        var now = _clock.GetUtcNow();
        foreach (var period in SeasonPeriods)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var at = now - SeasonLookBack; at <= now.AddDays(1); at = at.AddDays(period == LeaderboardCategories.Weekly ? 7 : 28))
            {
                if (seen.Add(Services.Seasons.Of(period, at)))
                {
                    yield return (period, Services.Seasons.Of(period, at));
                }
            }

            if (seen.Add(Services.Seasons.Of(period, now)))
            {
                yield return (period, Services.Seasons.Of(period, now));
            }
        }
    }

    private async Task<List<Stored<CompetitionEventDocument>>> EventsAsync(CancellationToken cancellationToken)
    {
        var all = new List<Stored<CompetitionEventDocument>>();
        foreach (var type in CompetitionEventTypes.All)
        {
            all.AddRange(await _events.FindAsync("type", type, 10_000, cancellationToken));
        }

        return all;
    }
}
