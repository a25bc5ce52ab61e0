using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Relays the new state to its player as <c>gameStateChanged</c>, and the applied command it carries, if any, as
/// <c>commandCompleted</c> right after it (one history write for both): a client that sees a command complete
/// already has the state it made.
/// </summary>
public sealed class GameStateChangedRelayConsumer(PlayerPush push) : IConsumer<GameStateChanged>
{
    public Task Consume(ConsumeContext<GameStateChanged> context)
    {
        var message = context.Message;
        return message.Applied is { } applied
            ? push.SendAsync(context, message.PlayerId, ("gameStateChanged", message.State), ("commandCompleted", applied))
            : push.SendAsync(context, message.PlayerId, "gameStateChanged", message.State);
    }
}
