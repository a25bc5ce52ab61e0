using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.Storage.Analytics;

namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>The admin metrics, computed from the time series (definitions in docs/analytics.md).</summary>
public sealed class MetricsService(IAnalyticsStore store, TimeProvider clock)
{
    /// <summary>Buckets one answer may hold.</summary>
    public const int MaxBuckets = 1_000;

    /// <summary>Cohort days one retention answer may hold (each costs two queries).</summary>
    public const int MaxRetentionDays = 90;

    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary><see cref="AnalyticsMetricSeries"/>, or <see cref="AnalyticsMetricRejected"/> with a stable code.</summary>
    public async Task<object> GetAsync(GetAnalyticsMetric request, CancellationToken cancellationToken)
    {
        if (!AnalyticsMetricNames.All.Contains(request.Metric, StringComparer.Ordinal))
        {
            return new AnalyticsMetricRejected(AnalyticsErrorCodes.UnknownMetric, $"'metric' must be one of: {string.Join(", ", AnalyticsMetricNames.All)}.");
        }

        if (request.From >= request.To)
        {
            return new AnalyticsMetricRejected(AnalyticsErrorCodes.InvalidRange, "'from' must be before 'to'.");
        }

        if (request.WindowSeconds < 60 || request.WindowSeconds % 60 != 0)
        {
            return new AnalyticsMetricRejected(AnalyticsErrorCodes.InvalidWindow, "'window' must be a whole number of minutes.");
        }

        var window = TimeSpan.FromSeconds(request.WindowSeconds);
        var retentionDays = request.Metric switch
        {
            AnalyticsMetricNames.RetentionD1 => 1,
            AnalyticsMetricNames.RetentionD7 => 7,
            _ => 0,
        };
        if (retentionDays > 0 && window != OneDay)
        {
            return new AnalyticsMetricRejected(AnalyticsErrorCodes.InvalidWindow, "Retention is computed per cohort day: 'window' must be 1d.");
        }

        var buckets = (request.To - Floor(request.From, window)).Ticks / window.Ticks;
        if (buckets > (retentionDays > 0 ? MaxRetentionDays : MaxBuckets))
        {
            return new AnalyticsMetricRejected(AnalyticsErrorCodes.TooManyBuckets, $"The range holds {buckets} windows; at most {(retentionDays > 0 ? MaxRetentionDays : MaxBuckets)} are answered at once.");
        }

        try
        {
            var points = retentionDays > 0
                ? await RetentionAsync(request.From, request.To, retentionDays, cancellationToken)
                : await SeriesAsync(request.Metric, request.From, request.To, window, cancellationToken);
            return new AnalyticsMetricSeries(request.Metric, request.From, request.To, request.WindowSeconds, points);
        }
        catch (AnalyticsStoreUnavailableException e)
        {
            return new AnalyticsMetricRejected(AnalyticsErrorCodes.StoreUnavailable, "The analytics store did not answer; retry shortly. " + e.Message);
        }
    }

    private async Task<IReadOnlyList<AnalyticsMetricPoint>> SeriesAsync(string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan window, CancellationToken cancellationToken)
    {
        var (measurement, function, field, tags) = metric switch
        {
            AnalyticsMetricNames.ActivePlayers => (Measurements.PlayerActive, AggregateFunction.CountDistinct, Measurements.PlayerField, null),
            AnalyticsMetricNames.ActionsPerMinute => (Measurements.GameAction, AggregateFunction.Count, Measurements.PlayerField, new Dictionary<string, string> { ["outcome"] = "applied" }),
            AnalyticsMetricNames.WoolProduced => (Measurements.Wool, AggregateFunction.Sum, "produced", null),
            _ => (Measurements.Prestige, AggregateFunction.Count, Measurements.PlayerField, (Dictionary<string, string>?)null),
        };
        var buckets = await store.AggregateAsync(new AnalyticsAggregate(measurement, function, field, from, to, window, tags), cancellationToken);
        var perMinute = metric == AnalyticsMetricNames.ActionsPerMinute ? window.TotalMinutes : 1;
        return buckets.Select(b => new AnalyticsMetricPoint(b.Start, b.Value / perMinute)).ToList();
    }

    /// <summary>
    /// For each cohort day D: the players first seen on D, and the share of them active on day D+N.
    /// </summary>
    private async Task<IReadOnlyList<AnalyticsMetricPoint>> RetentionAsync(DateTimeOffset from, DateTimeOffset to, int days, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var points = new List<AnalyticsMetricPoint>();
        for (var day = Floor(from, OneDay); day < to; day += OneDay)
        {
            var cohort = await store.DistinctAsync(Measurements.PlayerFirstSeen, Measurements.PlayerField, day, day + OneDay, cancellationToken);
            var returnDay = day.AddDays(days);
            var retained = 0;
            if (cohort.Count > 0)
            {
                var returning = await store.DistinctAsync(Measurements.PlayerActive, Measurements.PlayerField, returnDay, returnDay + OneDay, cancellationToken);
                retained = cohort.Count(returning.Contains);
            }

            points.Add(new AnalyticsMetricPoint(day, cohort.Count == 0 ? 0 : (double)retained / cohort.Count, cohort.Count, Complete: now >= returnDay + OneDay));
        }

        return points;
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan window)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (((ticks % window.Ticks) + window.Ticks) % window.Ticks));
    }
}
