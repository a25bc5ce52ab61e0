namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>
/// Scheduled command: archive the final standings of every weekly and monthly season that ended before <c>At</c>, or
/// before the worker's clock when that is later (a recurring schedule resends the <c>At</c> it was registered with);
/// later scores no longer change those boards. Repeating it changes nothing.
/// </summary>
public sealed record CloseLeaderboardSeasons(Guid CommandId, DateTimeOffset At);
