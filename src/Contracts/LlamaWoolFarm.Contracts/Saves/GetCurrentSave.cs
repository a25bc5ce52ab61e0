namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>Request for the player's current save; answered with <see cref="CurrentSave"/>.</summary>
public sealed record GetCurrentSave(Guid PlayerId);
