namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// Buy <c>Quantity</c> (1..100) units of a building at once. <c>IssuedAt</c> is the gateway's server time when it
/// accepted the action; an action issued before a prestige and delivered after it is refused.
/// </summary>
public sealed record PurchaseBuilding(Guid CommandId, Guid PlayerId, string BuildingId, int Quantity, string? RequestId, DateTimeOffset? IssuedAt = null);
