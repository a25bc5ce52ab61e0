using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Binds the relay's queue to <see cref="GameStateChanged"/>'s exchange for its view <see cref="GameStateChangedPush"/> (<see cref="MessageViews"/>).</summary>
public sealed class GameStateChangedRelayConsumerDefinition : ConsumerDefinition<GameStateChangedRelayConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<GameStateChangedRelayConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.BindViewOf<GameStateChangedPush, GameStateChanged>();
}
