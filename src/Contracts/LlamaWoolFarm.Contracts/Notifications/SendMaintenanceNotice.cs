namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>
/// An admin (<c>AdminId</c>) tells every player about maintenance; answered with <see cref="MaintenanceNoticeSent"/>.
/// The same <c>CommandId</c> makes one notice however often it is sent.
/// </summary>
public sealed record SendMaintenanceNotice(
    Guid CommandId,
    Guid AdminId,
    string? RequestId,
    string Title,
    string Message,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt);
