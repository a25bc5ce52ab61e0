namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>What a clear did: whether a ban was lifted and how many records were newly marked reviewed.</summary>
public sealed record PlayerCleared(Guid PlayerId, bool BanLifted, int Reviewed, double Score, DateTimeOffset At);
