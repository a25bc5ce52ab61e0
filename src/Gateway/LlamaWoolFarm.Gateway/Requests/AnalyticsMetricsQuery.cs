using System.Globalization;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Contracts.Analytics;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary>
/// <c>GET admin/analytics/metrics?metric&amp;from&amp;to&amp;window</c>: <c>from</c>/<c>to</c> ISO-8601 with offset,
/// <c>window</c> like <c>5m</c>, <c>1h</c>, <c>1d</c> (default <c>1d</c>, at most 31 days).
/// </summary>
public static partial class AnalyticsMetricsQuery
{
    /// <summary>The longest range one query may cover.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    /// <summary>The query as a request to the analytics worker, or the code, field and message of what is wrong.</summary>
    public static (GetAnalyticsMetric? Request, string Code, string Field, string Message) Parse(string? metric, string? from, string? to, string? window, string? requestId)
    {
        if (string.IsNullOrEmpty(metric) || !AnalyticsMetricNames.All.Contains(metric, StringComparer.Ordinal))
        {
            return (null, AnalyticsErrorCodes.UnknownMetric, "metric", $"'metric' must be one of: {string.Join(", ", AnalyticsMetricNames.All)}.");
        }

        if (!TryTime(from, out var start))
        {
            return (null, AnalyticsErrorCodes.InvalidRange, "from", "'from' is required: an ISO-8601 date-time with offset, e.g. 2026-01-01T00:00:00Z.");
        }

        if (!TryTime(to, out var end))
        {
            return (null, AnalyticsErrorCodes.InvalidRange, "to", "'to' is required: an ISO-8601 date-time with offset, e.g. 2026-01-08T00:00:00Z.");
        }

        if (end <= start || end - start > MaxRange)
        {
            return (null, AnalyticsErrorCodes.InvalidRange, "to", $"'to' must be after 'from' and at most {MaxRange.TotalDays} days later.");
        }

        var match = Window().Match(window ?? "1d");
        var seconds = match.Success
            ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * match.Groups[2].Value switch { "m" => 60L, "h" => 3_600L, _ => 86_400L }
            : 0;
        if (seconds is < 60 or > 31 * 86_400)
        {
            return (null, AnalyticsErrorCodes.InvalidWindow, "window", "'window' must be minutes, hours or days like 5m, 1h or 1d, from 1m to 31d.");
        }

        return (new GetAnalyticsMetric(metric, start, end, seconds, requestId), string.Empty, string.Empty, string.Empty);
    }

    private static bool TryTime(string? text, out DateTimeOffset time)
    {
        time = default;
        return text is { Length: > 10 and <= 64 }
            && text.Contains('T', StringComparison.Ordinal)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    [GeneratedRegex("^([1-9][0-9]{0,3})([mhd])$")]
    private static partial Regex Window();
}
