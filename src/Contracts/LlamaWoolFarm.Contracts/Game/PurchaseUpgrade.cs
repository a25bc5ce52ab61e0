namespace LlamaWoolFarm.Contracts.Game;

/// <summary>Buy an upgrade once. <c>IssuedAt</c>: see <see cref="PurchaseBuilding"/>.</summary>
public sealed record PurchaseUpgrade(Guid CommandId, Guid PlayerId, string UpgradeId, string? RequestId, DateTimeOffset? IssuedAt = null);
