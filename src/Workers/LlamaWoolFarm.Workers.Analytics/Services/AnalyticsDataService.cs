using System.Text.Json;
using LlamaWoolFarm.Storage.Analytics;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>
/// The analytics module's part of a player's data as a whole: the time-series points tagged with the player (InfluxDB
/// <c>DROP SERIES WHERE player=…</c>, or the SQLite table's rows), the player's record and experiment assignments;
/// exported as counts per measurement, or purged.
/// </summary>
public sealed class AnalyticsDataService(IAnalyticsStore store, IDocumentStore documents, AnalyticsOptions options, TimeProvider clock)
{
    /// <summary>Every measurement the worker writes, each carrying the <c>player</c> tag.</summary>
    public static readonly IReadOnlyList<string> PlayerMeasurements =
    [
        Measurements.PlayerActive, Measurements.PlayerFirstSeen, Measurements.ClientEvent, Measurements.GameAction, Measurements.Wool,
        Measurements.Prestige, Measurements.Achievement, Measurements.OfflineProgress, Measurements.Save, Measurements.ExperimentExposure,
    ];

    /// <summary>How far back an export counts points when the player's first sighting is unknown.</summary>
    public static readonly TimeSpan ExportLookBack = TimeSpan.FromDays(400);

    private readonly IDocumentCollection<AnalyticsPlayer> _players = documents.Collection<AnalyticsPlayer>("analytics_players");
    private readonly IDocumentCollection<StoredAssignment> _assignments = documents.Collection<StoredAssignment>("analytics_assignments");

    /// <summary>
    /// Deletes the player's points and records; returns how many records went (the store does not count points). An
    /// unreachable InfluxDB throws, so the purge is retried and, failing that, reported by the deletion saga.
    /// </summary>
    public async Task<long> PurgeAsync(Guid playerId, CancellationToken cancellationToken)
    {
        await store.DeleteByTagAsync(Measurements.PlayerTag, playerId.ToString(), cancellationToken);
        long removed = await _players.DeleteAsync(playerId.ToString("N"), cancellationToken) ? 1 : 0;
        // Assignments are keyed by experiment and player; those of experiments no longer configured are not found here.
        foreach (var experiment in options.Experiments.Keys)
        {
            removed += await _assignments.DeleteAsync($"{experiment}:{playerId:N}", cancellationToken) ? 1 : 0;
        }

        return removed;
    }

    /// <summary>How many points of each measurement carry the player, when analytics first saw the player, and the player's variants, as JSON.</summary>
    public async Task<string> ExportAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var player = (await _players.GetAsync(playerId.ToString("N"), cancellationToken))?.Document;
        // Client events may carry timestamps from before the first sighting (the gateway accepts up to 30 days old).
        var from = player?.FirstSeen.AddDays(-31) ?? now - ExportLookBack;
        var to = now.AddMinutes(1);
        // One window over the whole range: at most two buckets, whose sum is the count.
        var window = TimeSpan.FromDays(Math.Max(1, Math.Ceiling((to - from).TotalDays)));
        var tags = new Dictionary<string, string> { [Measurements.PlayerTag] = playerId.ToString() };
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var measurement in PlayerMeasurements)
        {
            var buckets = await store.AggregateAsync(new AnalyticsAggregate(measurement, AggregateFunction.Count, Measurements.PlayerField, from, to, window, tags), cancellationToken);
            counts[measurement] = (long)buckets.Sum(b => b.Value);
        }

        var variants = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var experiment in options.Experiments.Keys)
        {
            if (await _assignments.GetAsync($"{experiment}:{playerId:N}", cancellationToken) is { } assignment)
            {
                variants[experiment] = assignment.Document.Variant;
            }
        }

        return JsonSerializer.Serialize(new { firstSeen = player?.FirstSeen, pointCounts = counts, experiments = variants }, DocumentJson.Options);
    }
}
