namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>How many notifications a mark-read request changed, and how many stay unread.</summary>
public sealed record NotificationsMarkedRead(Guid PlayerId, int Marked, int Unread);
