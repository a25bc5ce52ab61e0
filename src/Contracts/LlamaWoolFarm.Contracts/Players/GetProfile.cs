namespace LlamaWoolFarm.Contracts.Players;

/// <summary>Request for a player's own profile; answered with <see cref="PlayerProfile"/>.</summary>
public sealed record GetProfile(Guid PlayerId);
