using System.Globalization;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Contracts.Leaderboards;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// Seasons in UTC: weekly seasons are ISO weeks (<c>2026-W48</c>, Monday to Monday), monthly seasons calendar
/// months (<c>2026-11</c>). A score counts for the season its timestamp falls in.
/// </summary>
public static partial class Seasons
{
    public static string Of(string period, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return period switch
        {
            LeaderboardCategories.Weekly => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(utc):D4}-W{ISOWeek.GetWeekOfYear(utc):D2}"),
            LeaderboardCategories.Monthly => string.Create(CultureInfo.InvariantCulture, $"{utc.Year:D4}-{utc.Month:D2}"),
            _ => throw new ArgumentException($"'{period}' has no seasons.", nameof(period)),
        };
    }

    /// <summary>The season before the one holding <paramref name="at"/>.</summary>
    public static string Previous(string period, DateTimeOffset at) => period switch
    {
        LeaderboardCategories.Weekly => Of(period, Start(period, at).AddDays(-1)),
        LeaderboardCategories.Monthly => Of(period, Start(period, at).AddDays(-1)),
        _ => throw new ArgumentException($"'{period}' has no seasons.", nameof(period)),
    };

    /// <summary>When the season holding <paramref name="at"/> began.</summary>
    public static DateTimeOffset Start(string period, DateTimeOffset at)
    {
        var utc = at.UtcDateTime.Date;
        return period == LeaderboardCategories.Weekly
            ? new DateTimeOffset(ISOWeek.ToDateTime(ISOWeek.GetYear(utc), ISOWeek.GetWeekOfYear(utc), DayOfWeek.Monday), TimeSpan.Zero)
            : new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Whether <paramref name="season"/> is well formed for the period.</summary>
    public static bool IsValid(string period, string season) => period switch
    {
        LeaderboardCategories.Weekly => WeeklySeason().IsMatch(season),
        LeaderboardCategories.Monthly => MonthlySeason().IsMatch(season),
        _ => false,
    };

    /// <summary>The board of a category in a period: <c>totalWool</c>, <c>totalWool:weekly:2026-W48</c>.</summary>
    public static string Board(string category, string period, string? season) =>
        period == LeaderboardCategories.AllTime ? category : $"{category}:{period}:{season}";

    [GeneratedRegex("^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$")]
    private static partial Regex WeeklySeason();

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthlySeason();
}
