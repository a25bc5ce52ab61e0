namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>A player's anomaly history (newest first), current score and active ban, if any.</summary>
public sealed record PlayerAnomalies(Guid PlayerId, double Score, BanView? Ban, IReadOnlyList<AnomalyView> Anomalies);
