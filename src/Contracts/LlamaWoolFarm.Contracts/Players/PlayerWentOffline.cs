namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// Published by realtime when a player's last connection closed, or when its last lease ran out without heartbeats
/// (<paramref name="LeaseExpired"/>: a crashed replica, a lost network). <paramref name="LastSeenAt"/> is the last
/// sign of life (the disconnect, or the last heartbeat), which is where an absence starts for offline progress.
/// </summary>
public sealed record PlayerWentOffline(Guid PlayerId, DateTimeOffset At, DateTimeOffset LastSeenAt, bool LeaseExpired);
