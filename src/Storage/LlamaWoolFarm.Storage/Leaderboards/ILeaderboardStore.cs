namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>
/// The leaderboard port: named boards of players ordered by score (highest first; equal scores by who reached them
/// first). Redis sorted sets in server mode, an in-process structure in embedded mode. Board names are plain
/// identifiers with ':' separators (<c>totalWool</c>, <c>totalWool:weekly:2026-W48</c>, <c>event:…</c>).
/// </summary>
public interface ILeaderboardStore
{
    /// <summary>
    /// Applies submissions in order. A player's score changes only with a newer revision; an unchanged score keeps the
    /// time it was first reached. Returns one result per submission.
    /// </summary>
    Task<IReadOnlyList<SubmissionResult>> SubmitAsync(string board, IReadOnlyList<ScoreSubmission> submissions, CancellationToken cancellationToken = default);

    /// <summary>Entries at ranks offset+1 … offset+limit (fewer at the end of the board; empty past it).</summary>
    Task<IReadOnlyList<LeaderboardEntry>> GetTopAsync(string board, long offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>The player's entry, or null when the player is not on the board.</summary>
    Task<LeaderboardEntry?> GetEntryAsync(string board, Guid playerId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="before"/> entries above the player, the player, and up to <paramref name="after"/> below; empty when the player is not on the board.</summary>
    Task<IReadOnlyList<LeaderboardEntry>> GetAroundAsync(string board, Guid playerId, int before, int after, CancellationToken cancellationToken = default);

    /// <summary>The entries of those players who are on the board, by rank (global ranks).</summary>
    Task<IReadOnlyList<LeaderboardEntry>> GetEntriesAsync(string board, IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default);

    /// <summary>How many players the board holds.</summary>
    Task<long> CountAsync(string board, CancellationToken cancellationToken = default);

    /// <summary>Takes the player off the board. Returns false when the player was not on it.</summary>
    Task<bool> RemoveAsync(string board, Guid playerId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the whole board. Returns false when it did not exist.</summary>
    Task<bool> DeleteAsync(string board, CancellationToken cancellationToken = default);
}
