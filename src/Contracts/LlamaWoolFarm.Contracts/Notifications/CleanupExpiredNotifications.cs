namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>
/// The recurring cleanup job (a schedule of the scheduler worker): delete the notifications whose expiry has passed.
/// Safe to run any number of times.
/// </summary>
public sealed record CleanupExpiredNotifications(string? Reason);
