using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Relays the new state of a <see cref="GameStateChanged"/> to its player as <c>gameStateChanged</c>, and the applied
/// command it carries, if any, as <c>commandCompleted</c> right after it (one history write for both): a client that
/// sees a command complete already has the state it made. The state is pushed as the JSON it came in
/// (<see cref="GameStateChangedPush"/>).
/// </summary>
public sealed class GameStateChangedRelayConsumer(PlayerPush push) : IConsumer<GameStateChangedPush>
{
    public Task Consume(ConsumeContext<GameStateChangedPush> context)
    {
        var message = context.Message;
        return message.Applied is { } applied
            ? push.SendAsync(context, message.PlayerId, ("gameStateChanged", message.State), ("commandCompleted", applied))
            : push.SendAsync(context, message.PlayerId, "gameStateChanged", message.State);
    }
}
