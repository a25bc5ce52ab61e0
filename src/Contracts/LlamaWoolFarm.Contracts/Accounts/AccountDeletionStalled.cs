namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>
/// The purge timed out with parts (<c>Players.PlayerDataParts</c>) that never confirmed; an operator must look at
/// them. A late confirmation still completes the deletion.
/// </summary>
public sealed record AccountDeletionStalled(Guid PlayerId, Guid DeletionId, IReadOnlyList<string> MissingParts, int Attempts, DateTimeOffset StalledAt);
