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

    /// <summary>
    /// The action that made the change (as in <see cref="ActionApplied"/>); null for a heartbeat and from
    /// publishers that predate it. With it analytics counts actions from this event and needs no
    /// <see cref="ActionApplied"/> delivery of its own.
    /// </summary>
    public string? ActionType { get; init; }

    /// <summary>The action's quantity (clicks, buildings); 0 with no <see cref="ActionType"/>.</summary>
    public int Quantity { get; init; }

    /// <summary>
    /// When the action was applied (its record's time). A replayed command republishes its outcome with a state
    /// materialized later, so what counts the action or its wool keys it by this time and counts a replay once.
    /// </summary>
    public DateTimeOffset? ActionAt { get; init; }

    /// <summary>
    /// The applied command that made the change, when one did: realtime relays it as <c>commandCompleted</c> from
    /// this event, so an applied command costs one result event instead of a separate <see cref="ActionApplied"/>
    /// (docs/game.md, "One result event per command"). Null for a heartbeat and from publishers that predate it,
    /// which publish <see cref="ActionApplied"/> on its own.
    /// </summary>
    public ActionApplied? Applied { get; init; }
}
