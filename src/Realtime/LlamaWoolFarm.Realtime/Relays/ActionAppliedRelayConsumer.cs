using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Relays an applied command to its player as <c>commandCompleted</c> when it comes as an event of its own: game
/// workers now send it inside <see cref="GameStateChanged"/>, but one that predates that still runs during a rolling
/// upgrade, and its players must still see their commands complete (docs/operations.md).
/// </summary>
public sealed class ActionAppliedRelayConsumer(PlayerPush push) : IConsumer<ActionApplied>
{
    public Task Consume(ConsumeContext<ActionApplied> context) =>
        push.SendAsync(context, context.Message.PlayerId, "commandCompleted", context.Message);
}
