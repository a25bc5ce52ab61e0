namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>A row of the review list: the player's current anomaly score, its records (all and unreviewed), the last one, and its ban if active.</summary>
public sealed record PlayerAnomalyScore(Guid PlayerId, double Score, int Anomalies, int Unreviewed, DateTimeOffset LastAt, BanView? Ban);
