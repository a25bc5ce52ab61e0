namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// A batch of clicks the player made; the game worker checks it against the elapsed server time.
/// <c>IssuedAt</c>: see <see cref="PurchaseBuilding"/>.
/// </summary>
public sealed record SubmitClicks(Guid CommandId, Guid PlayerId, int Quantity, string? RequestId, DateTimeOffset? IssuedAt = null);
