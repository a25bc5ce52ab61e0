namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>Query: players with anomaly records, highest current score first. Answered by <see cref="AnomalyScorePage"/>.</summary>
public sealed record GetAnomalyScores(int Offset, int Limit);
