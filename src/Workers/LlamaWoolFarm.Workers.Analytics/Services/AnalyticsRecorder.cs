using System.Collections.Concurrent;
using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Storage.Documents;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>
/// Turns client events and game events into time-series points. Points are idempotent (same measurement, tags and
/// time overwrite), so a redelivered message writes the same points again instead of counting twice.
/// </summary>
public sealed class AnalyticsRecorder(IAnalyticsStore store, IDocumentStore documents, ILogger<AnalyticsRecorder> logger)
{
    private const int MaxCachedPlayers = 100_000;

    private readonly IDocumentCollection<AnalyticsPlayer> _players = documents.Collection<AnalyticsPlayer>("analytics_players");

    // Players known to have a document, and the last activity minute written per player: both only save work.
    private readonly ConcurrentDictionary<Guid, long> _lastActiveMinute = new();

    /// <summary>
    /// Records the events the gateway accepted and completes once their points (and the player's activity) are
    /// persisted, so the consumer acknowledges only stored data; throws when the store could not take them, and the
    /// message is retried. Returns how many events were recorded.
    /// </summary>
    public async Task<int> RecordClientEventsAsync(RecordClientEvents command, CancellationToken cancellationToken)
    {
        var points = new List<AnalyticsPoint>(command.Events.Count);
        for (var i = 0; i < command.Events.Count; i++)
        {
            var e = command.Events[i];
            // The gateway checked the batch; a name outside the catalog here is a bug upstream, not data.
            if (!AnalyticsEventNames.All.Contains(e.Name, StringComparer.Ordinal))
            {
                logger.LogWarning("Analytics: skipped client event with unknown name {Name} from {PlayerId}.", e.Name, command.PlayerId);
                continue;
            }

            var fields = PlayerFields(command.PlayerId);
            if (!string.IsNullOrEmpty(e.PropertiesJson))
            {
                fields["properties"] = e.PropertiesJson;
            }

            if (!string.IsNullOrEmpty(e.SessionId))
            {
                fields["session_id"] = e.SessionId;
            }

            // Events of one batch may share a client timestamp; the index keeps them apart as points.
            points.Add(Point(Measurements.ClientEvent, command.PlayerId, e.Timestamp.AddTicks(i), fields, ("name", e.Name)));
        }

        var recorded = points.Count;
        var activity = await ActivityAsync(command.PlayerId, command.ReceivedAt, cancellationToken);
        points.AddRange(activity.Points);
        await store.WriteAsync(points, cancellationToken);
        // Only now: a failed write must leave the minute unmarked, or its retry would skip the activity points.
        MarkActive(command.PlayerId, activity.Minute);
        return recorded;
    }

    /// <summary>An applied action, named by the state change it made: a game action point, and the player's activity.</summary>
    private Task OnActionAppliedAsync(GameActivity e, string actionType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var fields = PlayerFields(e.PlayerId);
        fields["quantity"] = (long)e.Quantity;
        store.Write([Point(Measurements.GameAction, e.PlayerId, at, fields, ("action", actionType), ("outcome", "applied"))]);
        return TouchAsync(e.PlayerId, at, cancellationToken);
    }

    public Task OnActionRejectedAsync(ActionRejected e, CancellationToken cancellationToken)
    {
        store.Write([Point(Measurements.GameAction, e.PlayerId, e.RejectedAt, PlayerFields(e.PlayerId), ("action", e.ActionType), ("outcome", "rejected"), ("code", e.Code))]);
        return TouchAsync(e.PlayerId, e.RejectedAt, cancellationToken);
    }

    public Task OnPrestigeCompletedAsync(PrestigeCompleted e, CancellationToken cancellationToken)
    {
        var fields = PlayerFields(e.PlayerId);
        fields["soul_shears_gained"] = e.SoulShearsGained;
        fields["total_prestiges"] = e.TotalPrestiges;
        store.Write([Point(Measurements.Prestige, e.PlayerId, e.CompletedAt, fields)]);
        return TouchAsync(e.PlayerId, e.CompletedAt, cancellationToken);
    }

    public void OnAchievementUnlocked(AchievementUnlocked e) =>
        store.Write([Point(Measurements.Achievement, e.PlayerId, e.UnlockedAt, PlayerFields(e.PlayerId), ("achievement", e.AchievementId))]);

    public void OnOfflineProgressGranted(OfflineProgressGranted e)
    {
        var fields = PlayerFields(e.PlayerId);
        fields["offline_seconds"] = e.OfflineSeconds;
        fields["efficiency"] = e.Efficiency;
        store.Write([Point(Measurements.OfflineProgress, e.PlayerId, e.GrantedAt, fields, ("claimed", e.Claimed ? "true" : "false"))]);
    }

    public Task OnSaveAsync(Guid playerId, string outcome, string? code, DateTimeOffset at, CancellationToken cancellationToken)
    {
        store.Write([Point(Measurements.Save, playerId, at, PlayerFields(playerId), ("outcome", outcome), ("code", code ?? string.Empty))]);
        return TouchAsync(playerId, at, cancellationToken);
    }

    public Task OnSaveAcceptedAsync(SaveAccepted e, CancellationToken cancellationToken) => OnSaveAsync(e.PlayerId, "accepted", null, e.AcceptedAt, cancellationToken);

    public Task OnSaveRejectedAsync(SaveRejected e, CancellationToken cancellationToken) => OnSaveAsync(e.PlayerId, "rejected", e.Code, e.RejectedAt, cancellationToken);

    public Task OnSaveConflictResolvedAsync(SaveConflictResolved e, CancellationToken cancellationToken) => OnSaveAsync(e.PlayerId, "conflict", null, e.ResolvedAt, cancellationToken);

    /// <summary>
    /// Wool produced is the growth of the player's lifetime wool between game states (clicks, passive and offline
    /// production alike), recorded at the newer state's time. The game worker states it in the event; for events
    /// without it, the growth is measured against the last state seen, and older or repeated states are ignored.
    /// </summary>
    public async Task OnGameStateChangedAsync(GameActivity e, CancellationToken cancellationToken)
    {
        // A replayed command's points are written at its first run's time: the same points again, counted once.
        var at = e.ActionAt ?? e.At;
        if (e.ActionType is { } actionType)
        {
            await OnActionAppliedAsync(e, actionType, at, cancellationToken);
        }

        if (e.WoolProduced is not null && BigNumber.TryParse(e.WoolProduced, out var stated))
        {
            // A repeated event writes the same point again (same player and time), so nothing is counted twice.
            WriteProduced(e.PlayerId, at, stated);
            return;
        }

        if (!BigNumber.TryParse(e.State?.LifetimeWoolProduced, out var lifetime))
        {
            logger.LogWarning("Analytics: game state {Revision} of {PlayerId} has an unreadable lifetime wool.", e.Revision, e.PlayerId);
            return;
        }

        await OptimisticRetry.RunAsync(async ct =>
        {
            var id = e.PlayerId.ToString("N");
            var stored = await _players.GetAsync(id, ct);
            var player = stored?.Document ?? new AnalyticsPlayer { FirstSeen = e.At };
            if (e.Revision <= player.WoolRevision)
            {
                return;
            }

            var previous = BigNumber.TryParse(player.LifetimeWool, out var value) ? value : BigNumber.Zero;
            var produced = BigNumber.Max(BigNumber.Zero, lifetime - previous);
            player.WoolRevision = e.Revision;
            player.LifetimeWool = lifetime.ToString();
            var saved = stored is null ? await _players.InsertAsync(id, player, ct) : await _players.ReplaceAsync(id, player, stored.Version, ct);
            if (!saved)
            {
                throw new DocumentConflictException("The analytics player record changed while the wool was recorded.");
            }

            if (stored is null)
            {
                WriteFirstSeen(e.PlayerId, player.FirstSeen);
            }

            WriteProduced(e.PlayerId, e.At, produced);
        }, cancellationToken);
    }

    /// <summary>Records activity: the first-seen point once per player, and one activity point per player and minute.</summary>
    public async Task TouchAsync(Guid playerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var activity = await ActivityAsync(playerId, at, cancellationToken);
        if (activity.Points.Count > 0)
        {
            store.Write(activity.Points);
        }

        MarkActive(playerId, activity.Minute);
    }

    /// <summary>
    /// The activity points of a player at <paramref name="at"/>: none when this minute was already marked, else the
    /// activity point, and the first-seen point when this activity is (or, on a retry, was) the first one seen.
    /// </summary>
    private async Task<(List<AnalyticsPoint> Points, long Minute)> ActivityAsync(Guid playerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var minute = at.UtcTicks / TimeSpan.TicksPerMinute;
        var points = new List<AnalyticsPoint>(2);
        if (_lastActiveMinute.TryGetValue(playerId, out var last) && last == minute)
        {
            return (points, minute);
        }

        if (!_lastActiveMinute.ContainsKey(playerId))
        {
            var id = playerId.ToString("N");
            var stored = await _players.GetAsync(id, cancellationToken);
            // A retry after the record was inserted but its points not written finds its own first-seen time there.
            if ((stored is null && await _players.InsertAsync(id, new AnalyticsPlayer { FirstSeen = at }, cancellationToken)) || stored?.Document.FirstSeen == at)
            {
                points.Add(Point(Measurements.PlayerFirstSeen, playerId, at, PlayerFields(playerId)));
            }
        }

        points.Add(Point(Measurements.PlayerActive, playerId, new DateTimeOffset(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero), PlayerFields(playerId)));
        return (points, minute);
    }

    private void MarkActive(Guid playerId, long minute)
    {
        if (_lastActiveMinute.Count >= MaxCachedPlayers)
        {
            _lastActiveMinute.Clear();
        }

        _lastActiveMinute[playerId] = minute;
    }

    private void WriteProduced(Guid playerId, DateTimeOffset at, BigNumber produced)
    {
        if (produced.IsZero || produced.IsNegative)
        {
            return;
        }

        var fields = PlayerFields(playerId);
        // Beyond double's range the amount is capped: the metric is an approximation there.
        fields["produced"] = Math.Min(produced.ToDouble(), double.MaxValue);
        store.Write([Point(Measurements.Wool, playerId, at, fields)]);
    }

    private void WriteFirstSeen(Guid playerId, DateTimeOffset at) =>
        store.Write([Point(Measurements.PlayerFirstSeen, playerId, at, PlayerFields(playerId))]);

    private static Dictionary<string, object> PlayerFields(Guid playerId) => new(StringComparer.Ordinal) { [Measurements.PlayerField] = playerId.ToString() };

    private static AnalyticsPoint Point(string measurement, Guid playerId, DateTimeOffset at, Dictionary<string, object> fields, params (string Key, string Value)[] tags)
    {
        var tagSet = new Dictionary<string, string>(StringComparer.Ordinal) { [Measurements.PlayerTag] = playerId.ToString() };
        foreach (var (key, value) in tags)
        {
            tagSet[key] = value;
        }

        return new AnalyticsPoint(measurement, tagSet, fields, at);
    }
}
