using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary>
/// <c>POST admin/maintenance</c>: the message players see, when the window starts (default now) and when it is
/// expected to end; <c>notify</c> (default true) also sends the maintenance notice to every player.
/// </summary>
public sealed record MaintenanceRequest(string? Message, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, bool? Notify);

public sealed class MaintenanceRequestValidator : AbstractValidator<MaintenanceRequest>
{
    public const int MaxMessageLength = 500;

    /// <summary>The longest window: longer is a mistake in a date, not maintenance.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public MaintenanceRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Message).NotEmpty().MaximumLength(MaxMessageLength)
            .Must(t => t is null || !t.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
            .WithMessage("'Message' may not hold control characters other than line breaks.");
        RuleFor(r => r.EndsAt).NotNull();
        RuleFor(r => r.EndsAt).Must((r, end) => end > (r.StartsAt ?? clock.GetUtcNow()))
            .When(r => r.EndsAt is not null).WithMessage("'endsAt' must be after 'startsAt' (or after now when no start is given).");
        RuleFor(r => r.EndsAt).Must(end => end > clock.GetUtcNow())
            .When(r => r.EndsAt is not null).WithMessage("'endsAt' must be in the future.");
        RuleFor(r => r.EndsAt).Must((r, end) => end - (r.StartsAt ?? clock.GetUtcNow()) <= MaxWindow)
            .When(r => r.EndsAt is not null).WithMessage("A maintenance window lasts at most 7 days.");
        RuleFor(r => r.StartsAt).Must(start => start > clock.GetUtcNow().AddDays(-1) && start < clock.GetUtcNow().AddDays(90))
            .When(r => r.StartsAt is not null).WithMessage("'startsAt' must be within a day before and 90 days after now.");
    }
}
