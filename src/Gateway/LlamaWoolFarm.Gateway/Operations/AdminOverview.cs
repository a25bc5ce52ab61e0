using LlamaWoolFarm.Contracts.Analytics;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Operations;

/// <summary>The live counts of the admin page.</summary>
/// <remarks>
/// Analytics buckets are aligned to the epoch, so each count is one whole bucket: players active this hour and
/// today (UTC), actions per minute over the last complete 5 minutes, prestiges today. Null when analytics did not answer.
/// </remarks>
public sealed record PlayerCounts(double? ActiveThisHour, double? ActiveToday, double? ActionsPerMinute, double? PrestigesToday);

/// <summary>Where operators go next.</summary>
public sealed record AdminLinks(string? RabbitMqUi, string? SchedulerDashboard, string ApiDocs, string Metrics, string Health);

/// <summary><c>GET admin/overview</c>: links, live player counts (from analytics) and queue depths (from the broker).</summary>
public sealed record AdminOverviewView(string Transport, AdminLinks Links, PlayerCounts Players, IReadOnlyList<QueueStats>? Queues, DateTimeOffset At);

/// <summary>
/// Gathers the overview: the counts are analytics metrics asked in parallel, each allowed 2 s, so a slow or absent
/// analytics worker leaves a count empty instead of failing the page.
/// </summary>
public sealed class AdminOverview(IRequestClient<GetAnalyticsMetric> metrics, BrokerQueues queues, AdminOptions options, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan MetricTimeout = TimeSpan.FromSeconds(2);

    public async Task<AdminOverviewView> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var activeHour = MetricAsync(AnalyticsMetricNames.ActivePlayers, Floor(now, 3600), 3600, requestId, cancellationToken);
        var activeToday = MetricAsync(AnalyticsMetricNames.ActivePlayers, Floor(now, 86400), 86400, requestId, cancellationToken);
        var actions = MetricAsync(AnalyticsMetricNames.ActionsPerMinute, Floor(now, 300).AddSeconds(-300), 300, requestId, cancellationToken);
        var prestiges = MetricAsync(AnalyticsMetricNames.Prestiges, Floor(now, 86400), 86400, requestId, cancellationToken);
        var queueList = queues.ListAsync(cancellationToken);
        await Task.WhenAll(activeHour, activeToday, actions, prestiges, queueList);

        var transport = (Enum.TryParse<TransportKind>(configuration["Messaging:Transport"], ignoreCase: true, out var kind) ? kind : TransportKind.InMemory).ToString();
        var links = new AdminLinks(
            options.RabbitMqManagementUrl,
            options.SchedulerDashboardUrl ?? (configuration["Workers:Enabled"] is null or "*" || configuration["Workers:Enabled"]!.Contains("scheduler", StringComparison.OrdinalIgnoreCase)
                ? ServiceDefaults.Auth.AuthenticationExtensions.DashboardPath(configuration)
                : null),
            "/api-docs",
            "/metrics",
            "/health/ready");
        return new AdminOverviewView(
            transport,
            links,
            new PlayerCounts(await activeHour, await activeToday, await actions, await prestiges),
            await queueList,
            now);
    }

    private static DateTimeOffset Floor(DateTimeOffset at, long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() / seconds * seconds);

    // One aligned window from its start: the series has one bucket, the figure for that window.
    private async Task<double?> MetricAsync(string metric, DateTimeOffset from, long seconds, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await metrics.GetResponse<AnalyticsMetricSeries, AnalyticsMetricRejected>(
                new GetAnalyticsMetric(metric, from, from.AddSeconds(seconds), seconds, requestId), cancellationToken, RequestTimeout.After(s: (int)MetricTimeout.TotalSeconds));
            return response.Is(out Response<AnalyticsMetricSeries>? series) ? series!.Message.Points.Sum(p => p.Value) : null;
        }
        catch (RequestTimeoutException)
        {
            return null;
        }
    }
}
