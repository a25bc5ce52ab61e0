using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Relays an applied command to its player as <c>commandCompleted</c>.</summary>
public sealed class ActionAppliedRelayConsumer(PlayerPush push) : IConsumer<ActionApplied>
{
    public Task Consume(ConsumeContext<ActionApplied> context) =>
        push.SendAsync(context, context.Message.PlayerId, "commandCompleted", context.Message);
}
