namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>Request for a player's newest notifications (at most <c>Limit</c>, 1 … 100); answered with <see cref="NotificationList"/>.</summary>
public sealed record GetNotifications(Guid PlayerId, bool UnreadOnly, int Limit);
