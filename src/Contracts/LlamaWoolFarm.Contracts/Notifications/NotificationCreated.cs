namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>
/// A notification was stored (once per notification, never for a repeat of its source). <c>PlayerId</c> is null for
/// a broadcast, which goes to every connected player.
/// </summary>
public sealed record NotificationCreated(Guid NotificationId, Guid? PlayerId, NotificationView Notification);
