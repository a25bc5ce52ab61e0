namespace LlamaWoolFarm.Contracts.Game;

/// <summary>Cash in the run for Soul Shears (GAME_RULES §8). <c>IssuedAt</c>: see <see cref="PurchaseBuilding"/>.</summary>
public sealed record PerformPrestige(Guid CommandId, Guid PlayerId, string? RequestId, DateTimeOffset? IssuedAt = null);
