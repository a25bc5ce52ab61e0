using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Leaderboards;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// Competition events: creation with validation and the overlap rule, the event boards (wool produced inside the
/// window, ranked like every board), and the final step the saga asks for — ranking, rewards once, notices, archive.
/// </summary>
public sealed class CompetitionEventService
{
    /// <summary>Longest event accepted.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly IDocumentCollection<CompetitionEventDocument> _events;
    private readonly ILeaderboardStore _store;
    private readonly TimeProvider _clock;
    private readonly Lock _cacheLock = new();
    private (DateTimeOffset At, IReadOnlyList<CompetitionEventDocument> Events) _cache = (DateTimeOffset.MinValue, []);

    public CompetitionEventService(IDocumentStore documents, ILeaderboardStore store, TimeProvider clock)
    {
        _events = documents.Collection<CompetitionEventDocument>("competition_events", new DocumentIndex("type"));
        _store = store;
        _clock = clock;
    }

    /// <summary>The board of an event.</summary>
    public static string Board(Guid eventId) => "event:" + eventId.ToString("N");

    /// <summary>Validates and stores the event; the same command id answers the same event again.</summary>
    public async Task<object> CreateAsync(CreateCompetitionEvent command, CancellationToken cancellationToken)
    {
        if (Invalid(command) is { } problem)
        {
            return new CompetitionEventRefused(command.CommandId, LeaderboardErrorCodes.InvalidEvent, problem);
        }

        var existing = await _events.GetAsync(Key(command.CommandId), cancellationToken);
        if (existing is not null)
        {
            return existing.Document.View(_clock.GetUtcNow());
        }

        var sameType = await _events.FindAsync("type", command.Type, 10_000, cancellationToken);
        if (sameType.FirstOrDefault(e => e.Document.StartsAt < command.EndsAt && command.StartsAt < e.Document.EndsAt) is { } clash)
        {
            return new CompetitionEventRefused(command.CommandId, LeaderboardErrorCodes.OverlappingEvent,
                $"A {command.Type} event ('{clash.Document.Name}', {clash.Document.StartsAt:O} – {clash.Document.EndsAt:O}) overlaps this window.");
        }

        var document = new CompetitionEventDocument
        {
            EventId = command.CommandId,
            Name = command.Name.Trim(),
            Type = command.Type,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            Rewards = [.. command.Rewards],
            CreatedBy = command.PlayerId,
        };
        await _events.InsertAsync(Key(document.EventId), document, cancellationToken);
        InvalidateCache();
        return document.View(_clock.GetUtcNow());
    }

    /// <summary>Events running at <paramref name="at"/> (cached for a few seconds: effects may start that much late).</summary>
    public async Task<IReadOnlyList<CompetitionEventDocument>> RunningAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).Where(e => e.RunsAt(at)).ToList();

    public async Task<ActiveEvents> GetActiveAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var all = await AllAsync(cancellationToken);
        return new ActiveEvents(
            all.Where(e => e.RunsAt(now)).OrderBy(e => e.EndsAt).Select(e => e.View(now)).ToList(),
            all.Where(e => e.StartsAt > now).OrderBy(e => e.StartsAt).Take(20).Select(e => e.View(now)).ToList());
    }

    public async Task<object> GetLeaderboardAsync(GetEventLeaderboard query, CancellationToken cancellationToken)
    {
        var stored = await _events.GetAsync(Key(query.EventId), cancellationToken);
        if (stored is null)
        {
            return new LeaderboardNotFound(LeaderboardErrorCodes.UnknownEvent, $"There is no event '{query.EventId}'.");
        }

        var offset = Math.Max(0, query.Offset);
        var limit = Math.Clamp(query.Limit, 1, 100);
        var board = Board(query.EventId);
        var total = await _store.CountAsync(board, cancellationToken);
        var entries = total == 0 && stored.Document.Archived
            ? stored.Document.FinalStandings.Skip((int)Math.Min(offset, int.MaxValue)).Take(limit).ToList()
            : (await _store.GetTopAsync(board, offset, limit, cancellationToken)).Select(LeaderboardService.View).ToList();
        return new LeaderboardPage(query.EventId.ToString(), "event", null, Math.Max(total, stored.Document.Participants), offset, stored.Document.Archived, entries);
    }

    /// <summary>
    /// Final step (the saga's command, safe to repeat): rank, send each reward with a command id derived from event
    /// and player (the game worker applies it once), tell the participants, archive. Returns the finish event.
    /// </summary>
    public async Task<CompetitionEventFinished?> FinalizeAsync(Guid eventId, ISendEndpointProvider sender, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var stored = await _events.GetAsync(Key(eventId), cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var ev = stored.Document;
        var board = Board(eventId);
        var participants = ev.Archived ? ev.Participants : await _store.CountAsync(board, cancellationToken);
        var maxRewarded = ev.Rewards.Count == 0 ? 0 : ev.Rewards.Max(r => r.ToRank);
        var notified = (int)Math.Min(participants, Math.Max(maxRewarded, 1000));
        var ranked = ev.Archived && ev.FinalStandings.Count >= Math.Min(notified, LeaderboardService.ArchivedRows)
            ? ev.FinalStandings
            : await PagesAsync(board, notified, cancellationToken);
        var rewarded = 0;
        var game = await sender.GetSendEndpoint(Queues.For<GrantEventReward>());
        foreach (var entry in ranked)
        {
            var fleece = ev.Rewards.Where(r => entry.Rank >= r.FromRank && entry.Rank <= r.ToRank).Sum(r => r.GoldenFleece);
            if (fleece > 0)
            {
                rewarded++;
                await game.Send(new GrantEventReward(RewardCommandId(eventId, entry.PlayerId), entry.PlayerId, null, eventId, entry.Rank, fleece), cancellationToken);
            }

            await publisher.Publish(new EventResultsReady(entry.PlayerId, eventId, ev.Name, entry.Rank, entry.Score, fleece), cancellationToken);
        }

        if (!ev.Archived)
        {
            ev.Archived = true;
            ev.Participants = participants;
            ev.FinalStandings = ranked.Take(LeaderboardService.ArchivedRows).ToList();
            ev.FinishedAt = _clock.GetUtcNow();
            if (!await _events.ReplaceAsync(Key(eventId), ev, stored.Version, cancellationToken))
            {
                throw new ConcurrencyException("The event changed while it was archived.", typeof(CompetitionEventDocument), eventId);
            }

            InvalidateCache();
        }

        return new CompetitionEventFinished(eventId, participants, rewarded, ev.FinishedAt ?? _clock.GetUtcNow());
    }

    /// <summary>The reward command id of a player in an event: the same every time it is computed.</summary>
    public static Guid RewardCommandId(Guid eventId, Guid playerId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"event-reward:{eventId:N}:{playerId:N}"), hash);
        return new Guid(hash[..16]);
    }

    private static string? Invalid(CreateCompetitionEvent c)
    {
        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Trim().Length > 80)
        {
            return "The name must hold 1 to 80 characters.";
        }

        if (!CompetitionEventTypes.All.Contains(c.Type, StringComparer.Ordinal))
        {
            return $"The type must be one of: {string.Join(", ", CompetitionEventTypes.All)}.";
        }

        if (c.EndsAt <= c.StartsAt)
        {
            return "The event must end after it starts.";
        }

        if (c.EndsAt - c.StartsAt > MaxDuration)
        {
            return "An event lasts at most 31 days.";
        }

        if (c.Rewards.Count > 20 || c.Rewards.Any(r => r.FromRank < 1 || r.ToRank < r.FromRank || r.ToRank > 10_000 || r.GoldenFleece is < 0 or > 1_000_000))
        {
            return "Rewards: at most 20 rows, ranks 1 ≤ from ≤ to ≤ 10000, Golden Fleece 0 … 1000000.";
        }

        return null;
    }

    private static string Key(Guid id) => id.ToString("N");

    private async Task<List<LeaderboardEntryView>> PagesAsync(string board, int count, CancellationToken cancellationToken)
    {
        var rows = new List<LeaderboardEntryView>(count);
        while (rows.Count < count)
        {
            var page = await _store.GetTopAsync(board, rows.Count, Math.Min(100, count - rows.Count), cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            rows.AddRange(page.Select(LeaderboardService.View));
        }

        return rows;
    }

    private void InvalidateCache()
    {
        lock (_cacheLock)
        {
            _cache = (DateTimeOffset.MinValue, []);
        }
    }

    private async Task<IReadOnlyList<CompetitionEventDocument>> AllAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        lock (_cacheLock)
        {
            if (now - _cache.At < CacheFor && now >= _cache.At)
            {
                return _cache.Events;
            }
        }

        var all = new List<CompetitionEventDocument>();
        foreach (var type in CompetitionEventTypes.All)
        {
            all.AddRange((await _events.FindAsync("type", type, 10_000, cancellationToken)).Select(s => s.Document));
        }

        lock (_cacheLock)
        {
            _cache = (now, all);
        }

        return all;
    }
}
