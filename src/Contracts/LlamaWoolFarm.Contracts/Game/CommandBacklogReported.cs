namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// A game worker's view of the game command queues, published every half second so every gateway can refuse new
/// commands before the backlog exceeds its bound. <c>Waiting</c>: commands no consumer has taken yet (the queues'
/// ready count on RabbitMQ, accepted-but-not-applied outbox commands in Standalone); <c>InFlight</c>: commands this
/// worker has taken and not finished; <c>AppliedPerSecond</c>: this worker's recent completion rate.
/// </summary>
public sealed record CommandBacklogReported(Guid WorkerId, long Waiting, long InFlight, double AppliedPerSecond, DateTimeOffset ReportedAt);
