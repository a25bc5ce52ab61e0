namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>
/// A player's score on one board as of <c>Revision</c> of their game state. A submission whose revision is not newer
/// than the stored one is ignored, so redelivered, repeated and reordered updates change nothing.
/// </summary>
public sealed record ScoreSubmission(Guid PlayerId, long Revision, LeaderboardScore Score, DateTimeOffset At);

/// <summary>
/// What a submission did: <c>Applied</c> is false when it was stale; ranks are 1-based, <c>OldRank</c> null when the
/// player was not on the board.
/// </summary>
public sealed record SubmissionResult(Guid PlayerId, bool Applied, long? OldRank, long? NewRank);
