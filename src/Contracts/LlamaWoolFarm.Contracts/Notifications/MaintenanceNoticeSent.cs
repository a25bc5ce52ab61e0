namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>The maintenance notice a <see cref="SendMaintenanceNotice"/> made; <c>Replayed</c> when it existed already.</summary>
public sealed record MaintenanceNoticeSent(Guid CommandId, NotificationView Notification, bool Replayed);
