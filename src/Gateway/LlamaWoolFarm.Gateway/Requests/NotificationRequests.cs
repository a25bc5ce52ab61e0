using System.Globalization;
using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>GET notifications?unreadOnly&amp;limit</c>: <c>unreadOnly</c> true/false (default false), <c>limit</c> 1 … 100 (default 20).</summary>
public static class NotificationsQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The parsed query, or the field and message of what is wrong.</summary>
    public static (bool UnreadOnly, int Limit, string? Field, string? Problem) Parse(string? unreadOnly, string? limit)
    {
        var unread = false;
        if (unreadOnly is not null && !bool.TryParse(unreadOnly, out unread))
        {
            return (false, 0, "unreadOnly", "'unreadOnly' must be true or false.");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return (false, 0, "limit", $"'limit' must be a whole number from 1 to {MaxLimit}.");
        }

        return (unread, count, null, null);
    }
}

/// <summary><c>POST notifications/read</c>: <c>{ ids: [...] }</c> (1 … 100 ids) or <c>{ all: true }</c>, exactly one.</summary>
public sealed record MarkNotificationsReadRequest(IReadOnlyList<Guid>? Ids, bool? All);

public sealed class MarkNotificationsReadRequestValidator : AbstractValidator<MarkNotificationsReadRequest>
{
    public const int MaxIds = 100;

    public MarkNotificationsReadRequestValidator()
    {
        RuleFor(r => r).Must(r => r.Ids is null != (r.All is null))
            .OverridePropertyName("ids").WithMessage("Give either 'ids' or 'all': true.");
        RuleFor(r => r.All).Equal(true).When(r => r.All is not null).WithMessage("'all' can only be true; send 'ids' to mark some.");
        RuleFor(r => r.Ids).Must(ids => ids!.Count is >= 1 and <= MaxIds).When(r => r.Ids is not null)
            .WithMessage($"'ids' holds 1 to {MaxIds} notification ids.");
        RuleFor(r => r.Ids).Must(ids => !ids!.Contains(Guid.Empty)).When(r => r.Ids is not null)
            .WithMessage("A notification id is never the empty id.");
    }
}

/// <summary><c>POST admin/notifications/maintenance</c>: a notice to every player, with an optional window.</summary>
public sealed record MaintenanceNoticeRequest(string? Title, string? Message, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed class MaintenanceNoticeRequestValidator : AbstractValidator<MaintenanceNoticeRequest>
{
    public MaintenanceNoticeRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(80).Must(NoControl).WithMessage("'Title' may not hold control characters.");
        RuleFor(r => r.Message).NotEmpty().MaximumLength(500).Must(NoControlButLines).WithMessage("'Message' may not hold control characters other than line breaks.");
        RuleFor(r => r.EndsAt).GreaterThan(r => r.StartsAt).When(r => r.StartsAt is not null && r.EndsAt is not null)
            .WithMessage("'endsAt' must be after 'startsAt'.");
    }

    private static bool NoControl(string? text) => text is null || !text.Any(char.IsControl);

    private static bool NoControlButLines(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r');
}
