namespace LlamaWoolFarm.Contracts.Events;

/// <summary>
/// Request for ranks offset+1 … offset+limit of an event (wool produced during it); answered with
/// <c>Leaderboards.LeaderboardPage</c> (category = the event id) or <c>Leaderboards.LeaderboardNotFound</c> (<c>UNKNOWN_EVENT</c>).
/// </summary>
public sealed record GetEventLeaderboard(Guid PlayerId, Guid EventId, long Offset, int Limit);
