using FluentValidation;
using LlamaWoolFarm.Contracts.Events;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>GET events/{eventId}/leaderboard?limit&amp;offset</c>.</summary>
public sealed record EventLeaderboardQuery(int? Limit, long? Offset);

/// <summary>
/// <c>POST admin/events</c>: <c>{ name, type, startsAt, endsAt, rewards?: [{ fromRank, toRank, goldenFleece }] }</c>.
/// The gateway checks the shape and the type; the window, the reward ranges and overlaps are the leaderboards
/// worker's call (<c>INVALID_EVENT</c>, <c>OVERLAPPING_EVENT</c>).
/// </summary>
public sealed record CreateEventRequest(string? Name, string? Type, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<EventRewardRequest>? Rewards);

/// <summary>Golden Fleece for final ranks <c>fromRank</c> … <c>toRank</c>.</summary>
public sealed record EventRewardRequest(int? FromRank, int? ToRank, long? GoldenFleece);

public sealed class EventLeaderboardQueryValidator : AbstractValidator<EventLeaderboardQuery>
{
    public const int MaxLimit = 100;

    public EventLeaderboardQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0);
    }
}

public sealed class CreateEventRequestValidator : AbstractValidator<CreateEventRequest>
{
    public const int MaxRewardRows = 20;

    public CreateEventRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(80);
        RuleFor(r => r.Type)
            .NotEmpty()
            .Must(t => CompetitionEventTypes.All.Contains(t, StringComparer.Ordinal)).WithMessage($"'Type' must be one of: {string.Join(", ", CompetitionEventTypes.All)}.");
        RuleFor(r => r.StartsAt).NotNull();
        RuleFor(r => r.EndsAt).NotNull();
        RuleFor(r => r.Rewards).Must(r => r is null || r.Count <= MaxRewardRows).WithMessage($"At most {MaxRewardRows} reward rows.");
        // A null row ("rewards": [null]) is refused here rather than reaching the command.
        RuleForEach(r => r.Rewards).NotNull().WithMessage("A reward row cannot be null.").ChildRules(row =>
        {
            row.RuleFor(w => w.FromRank).NotNull();
            row.RuleFor(w => w.ToRank).NotNull();
            row.RuleFor(w => w.GoldenFleece).NotNull();
        });
    }
}
