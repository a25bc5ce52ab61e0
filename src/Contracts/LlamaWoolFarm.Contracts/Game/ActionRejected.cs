namespace LlamaWoolFarm.Contracts.Game;

/// <summary>A game command was refused by the rules; <c>Code</c> is a stable error code, the state is unchanged.</summary>
public sealed record ActionRejected(
    Guid CommandId,
    Guid PlayerId,
    string ActionType,
    string Code,
    string Message,
    DateTimeOffset RejectedAt)
{
    /// <summary>The quantity the command claimed (clicks in the batch, units bought); 0 from publishers that predate it.</summary>
    public int Quantity { get; init; }

    /// <summary>The building or upgrade the command named, if any (evidence of a forged id).</summary>
    public string? Target { get; init; }
}
