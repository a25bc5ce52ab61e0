using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>GET admin/anomalies</c>: a page of players by anomaly score.</summary>
public sealed record AnomalyScoresQuery(int? Offset, int? Limit);

/// <summary><c>GET admin/players/{playerId}/anomalies</c>: the newest <c>limit</c> records.</summary>
public sealed record PlayerAnomaliesQuery(int? Limit);

/// <summary><c>GET admin/audit</c>: <c>limit</c> entries, newest first, after the cursor <c>after</c> (the previous page's <c>next</c>).</summary>
public sealed record AuditLogQuery(int? Limit, string? After);

/// <summary><c>POST admin/players/{playerId}/ban</c>: the reason (required) and an optional expiry (none: until lifted).</summary>
public sealed record BanRequest(string? Reason, DateTimeOffset? ExpiresAt);

/// <summary>
/// <c>POST admin/players/{playerId}/clear</c>: lift the ban (<c>liftBan</c>) and/or mark the player's anomalies
/// reviewed (<c>markReviewed</c>); at least one must be true. <c>note</c> goes to the audit log.
/// </summary>
public sealed record ClearRequest(bool? LiftBan, bool? MarkReviewed, string? Note);

public sealed class AnomalyScoresQueryValidator : AbstractValidator<AnomalyScoresQuery>
{
    public const int MaxLimit = 100;

    public AnomalyScoresQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Offset).InclusiveBetween(0, 100_000);
    }
}

public sealed class PlayerAnomaliesQueryValidator : AbstractValidator<PlayerAnomaliesQuery>
{
    public PlayerAnomaliesQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 500);
}

public sealed class AuditLogQueryValidator : AbstractValidator<AuditLogQuery>
{
    public AuditLogQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 200);
        // A cursor is what a page answered as next: 19 digits, '-', 32 hex digits.
        RuleFor(q => q.After).Matches("^[0-9]{19}-[0-9a-f]{32}$").When(q => q.After is not null)
            .WithMessage("'after' must be the 'next' cursor of a previous page.");
    }
}

public sealed class BanRequestValidator : AbstractValidator<BanRequest>
{
    public const int MaxReasonLength = 500;

    /// <summary>The longest timed ban; longer is a mistake in a date (a permanent ban has no expiry).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    public BanRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(MaxReasonLength)
            .Must(t => t is null || !string.IsNullOrWhiteSpace(t)).WithMessage("'Reason' must not be blank.")
            .Must(t => t is null || !t.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
            .WithMessage("'Reason' may not hold control characters other than line breaks.");
        RuleFor(r => r.ExpiresAt).Must(e => e > clock.GetUtcNow()).When(r => r.ExpiresAt is not null)
            .WithMessage("'expiresAt' must be in the future (omit it for a ban until lifted).");
        RuleFor(r => r.ExpiresAt).Must(e => e - clock.GetUtcNow() <= MaxDuration).When(r => r.ExpiresAt is not null)
            .WithMessage("A timed ban lasts at most 10 years; omit 'expiresAt' for a ban until lifted.");
    }
}

public sealed class ClearRequestValidator : AbstractValidator<ClearRequest>
{
    public const int MaxNoteLength = 500;

    public ClearRequestValidator()
    {
        RuleFor(r => r).Must(r => r.LiftBan == true || r.MarkReviewed == true).OverridePropertyName("liftBan")
            .WithMessage("Set 'liftBan' and/or 'markReviewed' to true.");
        RuleFor(r => r.Note).MaximumLength(MaxNoteLength);
    }
}
