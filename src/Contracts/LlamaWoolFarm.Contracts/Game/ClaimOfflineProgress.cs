namespace LlamaWoolFarm.Contracts.Game;

/// <summary>Grant the pending offline gains of the current absence, once. <c>IssuedAt</c>: see <see cref="PurchaseBuilding"/>.</summary>
public sealed record ClaimOfflineProgress(Guid CommandId, Guid PlayerId, string? RequestId, DateTimeOffset? IssuedAt = null);
