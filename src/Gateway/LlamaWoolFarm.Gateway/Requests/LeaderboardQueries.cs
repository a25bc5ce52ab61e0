using FluentValidation;
using LlamaWoolFarm.Contracts.Leaderboards;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>GET leaderboards/{category}?limit&amp;offset&amp;period&amp;season</c>.</summary>
public sealed record LeaderboardPageQuery(int? Limit, long? Offset, string? Period, string? Season);

/// <summary><c>GET leaderboards/{category}/around-me?radius&amp;period&amp;season</c>.</summary>
public sealed record LeaderboardAroundQuery(int? Radius, string? Period, string? Season);

/// <summary><c>GET leaderboards/{category}/friends|rank?period&amp;season</c>.</summary>
public sealed record LeaderboardBoardQuery(string? Period, string? Season);

public sealed class LeaderboardPageQueryValidator : AbstractValidator<LeaderboardPageQuery>
{
    public const int MaxLimit = 100;

    public LeaderboardPageQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0);
        Include(new PeriodRules<LeaderboardPageQuery>(q => q.Period, q => q.Season));
    }
}

public sealed class LeaderboardAroundQueryValidator : AbstractValidator<LeaderboardAroundQuery>
{
    public LeaderboardAroundQueryValidator()
    {
        RuleFor(q => q.Radius).InclusiveBetween(0, 50);
        Include(new PeriodRules<LeaderboardAroundQuery>(q => q.Period, q => q.Season));
    }
}

public sealed class LeaderboardBoardQueryValidator : AbstractValidator<LeaderboardBoardQuery>
{
    public LeaderboardBoardQueryValidator() => Include(new PeriodRules<LeaderboardBoardQuery>(q => q.Period, q => q.Season));
}

/// <summary>The period and season rules every leaderboard query shares.</summary>
internal sealed class PeriodRules<T> : AbstractValidator<T>
{
    public PeriodRules(System.Linq.Expressions.Expression<Func<T, string?>> period, System.Linq.Expressions.Expression<Func<T, string?>> season)
    {
        RuleFor(period)
            .Must(p => p is null || LeaderboardCategories.Periods.Contains(p, StringComparer.Ordinal))
            .WithMessage($"'Period' must be one of: {string.Join(", ", LeaderboardCategories.Periods)}.");
        RuleFor(season).MaximumLength(16).Matches("^[0-9A-Za-z-]*$");
    }
}
