namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// From the account-deletion saga: delete one part (<see cref="PlayerDataParts"/>) of a deleted player's data.
/// Published to every owner; only the owner of <c>Part</c> acts, and answers <see cref="PlayerDataPurged"/>. Safe to
/// repeat: the saga sends it again (<c>Attempt</c> + 1) while the part has not answered.
/// </summary>
public sealed record PurgePlayerData(Guid PlayerId, Guid DeletionId, string Part, int Attempt);
