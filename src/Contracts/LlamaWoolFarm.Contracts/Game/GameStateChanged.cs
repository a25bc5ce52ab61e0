namespace LlamaWoolFarm.Contracts.Game;

/// <summary>The player's state after a change, materialized at <c>At</c> on the server clock.</summary>
public sealed record GameStateChanged(
    Guid PlayerId,
    Guid? CommandId,
    long Revision,
    GameStateView State,
    DateTimeOffset At)
{
    /// <summary>
    /// Lifetime wool gained since the previous state (big-number string): what the change produced. Null from
    /// publishers that predate it.
    /// </summary>
    public string? WoolProduced { get; init; }
}
