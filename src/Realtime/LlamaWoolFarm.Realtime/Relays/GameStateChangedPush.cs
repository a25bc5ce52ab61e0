using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Realtime's view of <see cref="GameStateChanged"/> (<see cref="LlamaWoolFarm.ServiceDefaults.Messaging.MessageViews"/>):
/// the same message, so the game worker publishes nothing new, with the state left as the JSON it arrived in. The
/// relay forwards the state to the player unchanged, so reading it into a <see cref="GameStateView"/> only to write it
/// out again cost every applied command a read of the state into objects and a second serialization of it
/// (docs/performance.md, "Sixth wave"). Only the fields the relay uses are read.
/// </summary>
[MessageUrn(GameStateChangedPush.Name)]
public sealed record GameStateChangedPush(Guid PlayerId, JsonElement State)
{
    /// <summary>The contract's urn, without its prefix.</summary>
    public const string Name = "LlamaWoolFarm.Contracts.Game:GameStateChanged";

    /// <summary>As <see cref="GameStateChanged.Applied"/>.</summary>
    public ActionApplied? Applied { get; init; }
}
