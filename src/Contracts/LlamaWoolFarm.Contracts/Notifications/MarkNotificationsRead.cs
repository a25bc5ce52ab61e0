namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>
/// Request to mark notifications read: the listed ones, or every one the player has now when <c>All</c> is set.
/// Ids the player cannot see are ignored. Answered with <see cref="NotificationsMarkedRead"/>.
/// </summary>
public sealed record MarkNotificationsRead(Guid PlayerId, IReadOnlyList<Guid> NotificationIds, bool All, string? RequestId);
