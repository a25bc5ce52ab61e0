namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>A player's notifications, newest first, and how many of all the unexpired ones are unread.</summary>
public sealed record NotificationList(Guid PlayerId, IReadOnlyList<NotificationView> Notifications, int Unread);
