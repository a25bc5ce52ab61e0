namespace LlamaWoolFarm.Storage.PushHistory;

/// <summary>
/// Each player's pushes numbered 1, 2, 3… from a start of the store's choosing, and the newest of them kept (at most
/// <see cref="PushHistoryOptions.Length"/>, for at most <see cref="PushHistoryOptions.Retention"/>) so a client that
/// reconnects can be given what it missed. Numbering and keeping are one atomic step, so every realtime replica
/// sharing the store sees the same numbers and the same history. A number series that starts over (history expired
/// or lost) starts above every number the lost one gave, at the store clock's milliseconds, so an old client number
/// always reads as a gap, never as already seen.
/// </summary>
public interface IPushHistoryStore
{
    /// <summary>
    /// Gives <paramref name="push"/> the player's next number and keeps it; answers the number. A push already kept
    /// (same <see cref="PushRecord.Id"/>: a redelivered event) keeps the number it was given and nothing is added.
    /// </summary>
    async Task<long> AppendAsync(Guid playerId, PushRecord push, CancellationToken cancellationToken = default) =>
        (await AppendAsync(playerId, [push], cancellationToken))[0];

    /// <summary>
    /// Numbers and keeps <paramref name="pushes"/> in their order, in one atomic step (one store round trip): one
    /// result event that becomes several pushes costs one write. Answers their numbers in the same order; each push
    /// already kept keeps its number, as in the single append.
    /// </summary>
    Task<IReadOnlyList<long>> AppendAsync(Guid playerId, IReadOnlyList<PushRecord> pushes, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a client that processed the player's pushes up to <paramref name="lastSeq"/> missed (see
    /// <see cref="PushReplay"/>). A player with no numbers yet gets a series started here, so the answer's number is
    /// the one the next push follows.
    /// </summary>
    Task<PushReplay> ReadAfterAsync(Guid playerId, long lastSeq, CancellationToken cancellationToken = default);
}
