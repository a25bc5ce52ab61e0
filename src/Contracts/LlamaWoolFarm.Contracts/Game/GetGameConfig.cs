namespace LlamaWoolFarm.Contracts.Game;

/// <summary>Request for the game catalog the game worker plays by; answered with <see cref="GameConfig"/>.</summary>
public sealed record GetGameConfig(string? RequestId);
