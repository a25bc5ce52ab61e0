using System.Collections.Concurrent;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Leaderboards;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// Keeps the boards in step with the game worker's scores and answers the leaderboard queries. Every board write is
/// idempotent by the game state's revision, so redelivered and reordered batches change nothing.
/// </summary>
public sealed class LeaderboardService
{
    /// <summary>Rows per archived season and category.</summary>
    public const int ArchivedRows = 100;

    private static readonly string[] SeasonPeriods = [LeaderboardCategories.Weekly, LeaderboardCategories.Monthly];

    private readonly ILeaderboardStore _store;
    private readonly IDocumentCollection<SeasonArchive> _archives;
    private readonly TopTenUpdates _topTen;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, bool> _closed = new(StringComparer.Ordinal);

    private readonly CompetitionEventService _events;
    private readonly TopPageCache _topPages;
    private readonly HiddenPlayers _hidden;

    public LeaderboardService(ILeaderboardStore store, IDocumentStore documents, TopTenUpdates topTen, CompetitionEventService events, TopPageCache topPages, HiddenPlayers hidden, TimeProvider clock)
    {
        _hidden = hidden;
        _events = events;
        _topPages = topPages;
        _store = store;
        _archives = documents.Collection<SeasonArchive>("leaderboard_seasons");
        _topTen = topTen;
        _clock = clock;
    }

    /// <summary>
    /// Applies a batch of score changes: the newest revision of each player goes to every all-time and open seasonal
    /// board; rank moves worth telling are published as <see cref="RankChanged"/>, top-10 changes are handed to the
    /// coalescer.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<ScoresChanged> batch, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var latest = batch.GroupBy(s => s.PlayerId).Select(g => g.MaxBy(s => s.Revision)!).ToList();
        foreach (var category in LeaderboardCategories.All)
        {
            var scored = latest
                .Select(s => (Change: s, Score: CategoryScores.Of(category, s)))
                .Where(x => x.Score is not null)
                .Select(x => new ScoreSubmission(x.Change.PlayerId, x.Change.Revision, x.Score!, x.Change.At))
                .ToList();
            if (scored.Count == 0)
            {
                continue;
            }

            // Seasonal gains start from the all-time score a player had before this batch.
            var before = CategoryScores.SeasonRanksGain(category)
                ? (await _store.GetEntriesAsync(category, scored.Select(s => s.PlayerId).ToList(), cancellationToken)).ToDictionary(e => e.PlayerId, e => e.Score)
                : null;
            var results = await _store.SubmitAsync(category, scored, cancellationToken);
            await PublishRankChangesAsync(category, scored, results, publisher, cancellationToken);
            if (results.Any(r => r.Applied && (r.OldRank <= TopTenUpdates.Size || r.NewRank <= TopTenUpdates.Size)))
            {
                await _topTen.ChangedAsync(category, publisher, cancellationToken);
            }

            if (category == LeaderboardCategories.TotalWool)
            {
                await ApplyToCompetitionsAsync(scored, before!, cancellationToken);
            }

            foreach (var period in SeasonPeriods)
            {
                foreach (var season in scored.GroupBy(s => Seasons.Of(period, s.At)))
                {
                    if (await IsClosedAsync(period, season.Key, cancellationToken))
                    {
                        continue;
                    }

                    var board = Seasons.Board(category, period, season.Key);
                    var submissions = before is null ? season.ToList() : await GainsAsync(board, season.ToList(), before, cancellationToken);
                    await _store.SubmitAsync(board, submissions, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Turns current totals into gains since a baseline board (<c>{board}:base</c>), which records each player's
    /// previous total once (revision 0, so later writes never replace it).
    /// </summary>
    public async Task<IReadOnlyList<ScoreSubmission>> GainsAsync(string board, IReadOnlyList<ScoreSubmission> totals, IReadOnlyDictionary<Guid, string> previous, CancellationToken cancellationToken)
    {
        var baseBoard = board + ":base";
        await _store.SubmitAsync(
            baseBoard,
            totals.Select(t => new ScoreSubmission(t.PlayerId, 0, previous.TryGetValue(t.PlayerId, out var p) ? LeaderboardScore.Parse(p) : LeaderboardScore.Zero, t.At)).ToList(),
            cancellationToken);
        var baselines = (await _store.GetEntriesAsync(baseBoard, totals.Select(t => t.PlayerId).ToList(), cancellationToken)).ToDictionary(e => e.PlayerId, e => e.Score);
        return totals.Select(t => t with { Score = Gain(t.Score, baselines.GetValueOrDefault(t.PlayerId, "0")) }).ToList();
    }

    /// <summary>A page of a board; pages inside the top rows come from <see cref="TopPageCache"/>, so they may be a moment old.</summary>
    public async Task<object> GetPageAsync(GetLeaderboard query, CancellationToken cancellationToken) =>
        (await GetPageAnswerAsync(query, cancellationToken)).Answer;

    /// <summary>
    /// <see cref="GetPageAsync"/>, with how much longer the answer may be served again when it was cut from the cached
    /// top rows (<see cref="LeaderboardHeaders.ReusableForMilliseconds"/>); null for every other answer.
    /// </summary>
    public async Task<(object Answer, TimeSpan? ReusableFor)> GetPageAnswerAsync(GetLeaderboard query, CancellationToken cancellationToken)
    {
        if (Identify(query.Category, query.Period, query.Season) is not { } board)
        {
            return (NotFound(query.Category, query.Period, query.Season), null);
        }

        var offset = Math.Max(0, query.Offset);
        var limit = Math.Clamp(query.Limit, 1, 100);
        var hidden = await HiddenOnAsync(board.Name, cancellationToken);
        if (hidden.Count > 0)
        {
            return (await ReadVisiblePageAsync(board, offset, limit, hidden, cancellationToken), null);
        }

        if (!_topPages.Covers(offset, limit))
        {
            return (await ReadPageAsync(board, offset, limit, cancellationToken), null);
        }

        var (page, reusableFor) = await _topPages.GetAsync(board.Name, offset, limit, ct => ReadPageAsync(board, 0, TopPageCache.Rows, ct), cancellationToken);
        return (page, reusableFor);
    }

    public async Task<object> GetAroundAsync(GetLeaderboardAroundPlayer query, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query.Category, query.Period, query.Season, cancellationToken) is not { } board)
        {
            return NotFound(query.Category, query.Period, query.Season);
        }

        var radius = Math.Clamp(query.Radius, 0, 50);
        var hidden = await HiddenOnAsync(board.Name, cancellationToken);
        var total = await _store.CountAsync(board.Name, cancellationToken) - hidden.Count;
        var rows = (await _store.GetAroundAsync(board.Name, query.PlayerId, radius + hidden.Count, radius + hidden.Count, cancellationToken))
            .Where(e => !hidden.Any(h => h.PlayerId == e.PlayerId)).Select(e => Visible(e, hidden)).ToList();
        var at = rows.FindIndex(e => e.PlayerId == query.PlayerId);
        var start = Math.Max(0, at - radius);
        var entries = at < 0 ? [] : rows.Skip(start).Take(at - start + 1 + radius).ToList();
        return new LeaderboardPage(query.Category, query.Period, board.Season, total, entries.Count == 0 ? 0 : entries[0].Rank - 1, board.Archive is not null, entries);
    }

    public async Task<object> GetFriendsAsync(GetFriendsLeaderboard query, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query.Category, query.Period, query.Season, cancellationToken) is not { } board)
        {
            return NotFound(query.Category, query.Period, query.Season);
        }

        var players = query.FriendIds.Take(500).Append(query.PlayerId).Distinct().ToList();
        var hidden = await HiddenOnAsync(board.Name, cancellationToken);
        var entries = (await _store.GetEntriesAsync(board.Name, players, cancellationToken))
            .Where(e => !hidden.Any(h => h.PlayerId == e.PlayerId)).Select(e => Visible(e, hidden)).ToList();
        var total = await _store.CountAsync(board.Name, cancellationToken) - hidden.Count;
        return new LeaderboardPage(query.Category, query.Period, board.Season, total, 0, board.Archive is not null, entries);
    }

    public async Task<object> GetRankAsync(GetPlayerRank query, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(query.Category, query.Period, query.Season, cancellationToken) is not { } board)
        {
            return NotFound(query.Category, query.Period, query.Season);
        }

        var hidden = await HiddenOnAsync(board.Name, cancellationToken);
        var entry = await _store.GetEntryAsync(board.Name, query.PlayerId, cancellationToken);
        var visible = entry is null || hidden.Any(h => h.PlayerId == entry.PlayerId) ? null : Visible(entry, hidden);
        var total = await _store.CountAsync(board.Name, cancellationToken) - hidden.Count;
        return new PlayerRank(query.PlayerId, query.Category, query.Period, board.Season, visible?.Rank, visible?.Score, total);
    }

    /// <summary>
    /// Closes the weekly and monthly seasons before the one holding <paramref name="at"/>: archives their top rows and
    /// stops further scores reaching them. Returns the seasons closed now (none when they already were).
    /// </summary>
    public async Task<IReadOnlyList<LeaderboardSeasonClosed>> CloseSeasonsAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var closed = new List<LeaderboardSeasonClosed>();
        foreach (var period in SeasonPeriods)
        {
            var season = Seasons.Previous(period, at);
            if (await _archives.GetAsync(ArchiveId(period, season), cancellationToken) is not null)
            {
                continue;
            }

            var archive = new SeasonArchive { Period = period, Season = season, ClosedAt = _clock.GetUtcNow() };
            foreach (var category in LeaderboardCategories.All)
            {
                var board = Seasons.Board(category, period, season);
                archive.Standings[category] = (await _store.GetTopAsync(board, 0, ArchivedRows, cancellationToken)).Select(View).ToList();
                archive.Totals[category] = await _store.CountAsync(board, cancellationToken);
            }

            if (await _archives.InsertAsync(ArchiveId(period, season), archive, cancellationToken))
            {
                _closed[ArchiveId(period, season)] = true;
                closed.Add(new LeaderboardSeasonClosed(period, season, archive.ClosedAt));
            }
        }

        return closed;
    }

    /// <summary>Competition boards rank the wool produced inside the window: only scores stamped inside it count.</summary>
    private async Task ApplyToCompetitionsAsync(List<ScoreSubmission> totals, Dictionary<Guid, string> before, CancellationToken cancellationToken)
    {
        var first = totals.Min(t => t.At);
        var last = totals.Max(t => t.At);
        var running = (await _events.RunningAsync(first, cancellationToken)).Concat(await _events.RunningAsync(last, cancellationToken))
            .Where(e => e.Type == Contracts.Events.CompetitionEventTypes.Competition && !e.Archived)
            .DistinctBy(e => e.EventId);
        foreach (var ev in running)
        {
            var inside = totals.Where(t => ev.RunsAt(t.At)).ToList();
            if (inside.Count > 0)
            {
                var board = CompetitionEventService.Board(ev.EventId);
                await _store.SubmitAsync(board, await GainsAsync(board, inside, before, cancellationToken), cancellationToken);
            }
        }
    }

    public static LeaderboardEntryView View(LeaderboardEntry e) => new(e.PlayerId, e.Rank, e.Score, e.ReachedAt);

    /// <summary>≥ 1 place when either rank is inside the top 100, ≥ 10 places elsewhere, or a first rank.</summary>
    public static bool WorthTelling(long? oldRank, long newRank) =>
        oldRank is not { } old || (Math.Min(old, newRank) <= 100 ? old != newRank : Math.Abs(old - newRank) >= 10);

    private static LeaderboardScore Gain(LeaderboardScore total, string baseline) =>
        total.Minus(LeaderboardScore.TryParse(baseline, out var then) ? then : LeaderboardScore.Zero);

    private static LeaderboardNotFound NotFound(string category, string period, string? season) =>
        !LeaderboardCategories.All.Contains(category, StringComparer.Ordinal)
            ? new LeaderboardNotFound(LeaderboardErrorCodes.UnknownCategory, $"There is no leaderboard category '{category}'.")
            : !LeaderboardCategories.Periods.Contains(period, StringComparer.Ordinal)
                ? new LeaderboardNotFound(LeaderboardErrorCodes.UnknownPeriod, $"There is no leaderboard period '{period}'.")
                : new LeaderboardNotFound(LeaderboardErrorCodes.UnknownSeason, $"There is no {period} season '{season}'.");

    private static string ArchiveId(string period, string season) => $"{period}:{season}";

    private async Task PublishRankChangesAsync(string category, List<ScoreSubmission> scored, IReadOnlyList<SubmissionResult> results, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (r.Applied && r.NewRank is { } newRank && WorthTelling(r.OldRank, newRank))
            {
                await publisher.Publish(new RankChanged(r.PlayerId, category, r.OldRank, newRank, scored[i].Score.ToString(), scored[i].At), cancellationToken);
            }
        }
    }

    private async Task<bool> IsClosedAsync(string period, string season, CancellationToken cancellationToken)
    {
        var id = ArchiveId(period, season);
        if (_closed.ContainsKey(id))
        {
            return true;
        }

        if (await _archives.GetAsync(id, cancellationToken) is null)
        {
            return false;
        }

        _closed[id] = true;
        return true;
    }

    private async Task<LeaderboardPage> ReadPageAsync(BoardId id, long offset, int limit, CancellationToken cancellationToken)
    {
        var board = await ResolveAsync(id, cancellationToken);
        var total = await _store.CountAsync(board.Name, cancellationToken);
        if (total == 0 && board.Archive is { } archive)
        {
            // The live board is gone (embedded mode restarted): the archived final standings answer.
            var rows = archive.Standings.GetValueOrDefault(id.Category) ?? [];
            return new LeaderboardPage(id.Category, id.Period, board.Season, archive.Totals.GetValueOrDefault(id.Category), offset, true, rows.Skip((int)Math.Min(offset, int.MaxValue)).Take(limit).ToList());
        }

        var entries = await _store.GetTopAsync(board.Name, offset, limit, cancellationToken);
        return new LeaderboardPage(id.Category, id.Period, board.Season, total, offset, board.Archive is not null, entries.Select(View).ToList());
    }

    /// <summary>The entries of hidden (banned) players on the board, with their ranks; empty when none is hidden there.</summary>
    private async Task<IReadOnlyList<LeaderboardEntry>> HiddenOnAsync(string board, CancellationToken cancellationToken)
    {
        var hidden = await _hidden.CurrentAsync(cancellationToken);
        return hidden.Count == 0 ? [] : await _store.GetEntriesAsync(board, hidden.ToList(), cancellationToken);
    }

    /// <summary>An entry as players see it: ranked among the visible players only.</summary>
    private static LeaderboardEntryView Visible(LeaderboardEntry entry, IReadOnlyList<LeaderboardEntry> hidden) =>
        View(entry) with { Rank = entry.Rank - hidden.Count(h => h.Rank < entry.Rank) };

    /// <summary>
    /// A page of a live board without the hidden players: the visible offset maps to the raw one past the hidden rows
    /// ranked before it, and the page reads enough extra rows to fill itself. Bypasses the top-page cache.
    /// </summary>
    private async Task<object> ReadVisiblePageAsync(BoardId id, long offset, int limit, IReadOnlyList<LeaderboardEntry> hidden, CancellationToken cancellationToken)
    {
        var board = await ResolveAsync(id, cancellationToken);
        var hiddenIndexes = hidden.Select(h => h.Rank - 1).ToList();
        var raw = offset;
        while (true)
        {
            var next = offset + hiddenIndexes.Count(i => i <= raw);
            if (next == raw)
            {
                break;
            }

            raw = next;
        }

        var total = await _store.CountAsync(board.Name, cancellationToken) - hidden.Count;
        var entries = (await _store.GetTopAsync(board.Name, raw, limit + hidden.Count, cancellationToken))
            .Where(e => !hidden.Any(h => h.PlayerId == e.PlayerId)).Take(limit).Select(e => Visible(e, hidden)).ToList();
        return new LeaderboardPage(id.Category, id.Period, board.Season, total, offset, board.Archive is not null, entries);
    }

    private async Task<ResolvedBoard?> ResolveAsync(string category, string period, string? season, CancellationToken cancellationToken) =>
        Identify(category, period, season) is { } id ? await ResolveAsync(id, cancellationToken) : null;

    private async Task<ResolvedBoard> ResolveAsync(BoardId id, CancellationToken cancellationToken)
    {
        var archive = id.Season is null ? null : (await _archives.GetAsync(ArchiveId(id.Period, id.Season), cancellationToken))?.Document;
        return new ResolvedBoard(id.Name, id.Season, archive);
    }

    /// <summary>The board a query names, the current season filled in; null when no such board can exist. No I/O.</summary>
    private BoardId? Identify(string category, string period, string? season)
    {
        if (!LeaderboardCategories.All.Contains(category, StringComparer.Ordinal) || !LeaderboardCategories.Periods.Contains(period, StringComparer.Ordinal))
        {
            return null;
        }

        if (period == LeaderboardCategories.AllTime)
        {
            return season is null ? new BoardId(category, period, null, category) : null;
        }

        season ??= Seasons.Of(period, _clock.GetUtcNow());
        return Seasons.IsValid(period, season) ? new BoardId(category, period, season, Seasons.Board(category, period, season)) : null;
    }

    private sealed record BoardId(string Category, string Period, string? Season, string Name);

    private sealed record ResolvedBoard(string Name, string? Season, SeasonArchive? Archive);
}
