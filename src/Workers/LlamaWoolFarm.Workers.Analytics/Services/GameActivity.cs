using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>
/// Analytics' view of <see cref="GameStateChanged"/> (<see cref="ServiceDefaults.Messaging.MessageViews"/>): the fields
/// its points are made of, and of the state only the lifetime wool that publishers predating
/// <see cref="GameStateChanged.WoolProduced"/> leave to be worked out. The rest of the state, the bulk of the event,
/// is skipped instead of read into objects nobody looks at.
/// </summary>
[MessageUrn("LlamaWoolFarm.Contracts.Game:GameStateChanged")]
public sealed record GameActivity(Guid PlayerId, long Revision, DateTimeOffset At)
{
    /// <summary>As <see cref="GameStateChanged.WoolProduced"/>.</summary>
    public string? WoolProduced { get; init; }

    /// <summary>As <see cref="GameStateChanged.ActionType"/>.</summary>
    public string? ActionType { get; init; }

    /// <summary>As <see cref="GameStateChanged.Quantity"/>.</summary>
    public int Quantity { get; init; }

    /// <summary>As <see cref="GameStateChanged.ActionAt"/>.</summary>
    public DateTimeOffset? ActionAt { get; init; }

    /// <summary>The part of <see cref="GameStateChanged.State"/> analytics reads.</summary>
    public GameActivityTotals? State { get; init; }
}

/// <summary>The lifetime wool of <see cref="GameStateView"/>.</summary>
public sealed record GameActivityTotals(string? LifetimeWoolProduced);
