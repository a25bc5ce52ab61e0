namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>Query: one player's anomaly history, newest first. Answered by <see cref="PlayerAnomalies"/>.</summary>
public sealed record GetPlayerAnomalies(Guid PlayerId, int Limit);
