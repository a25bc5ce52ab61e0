using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Relays the new state to its player as <c>gameStateChanged</c>.</summary>
public sealed class GameStateChangedRelayConsumer(PlayerPush push) : IConsumer<GameStateChanged>
{
    public Task Consume(ConsumeContext<GameStateChanged> context) =>
        push.SendAsync(context, context.Message.PlayerId, "gameStateChanged", context.Message.State);
}
