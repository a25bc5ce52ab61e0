namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>A page of players by anomaly score; <c>Total</c> is how many players have records.</summary>
public sealed record AnomalyScorePage(long Total, int Offset, IReadOnlyList<PlayerAnomalyScore> Players);
