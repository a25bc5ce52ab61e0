namespace LlamaWoolFarm.Contracts.Game;

/// <summary>Request for the offline gains waiting to be claimed, at the server's time; answered with <see cref="OfflineProgressView"/>.</summary>
public sealed record GetOfflineProgress(Guid PlayerId);
