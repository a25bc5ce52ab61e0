using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Relays a refused command to its player as <c>commandRejected</c>.</summary>
public sealed class ActionRejectedRelayConsumer(PlayerPush push) : IConsumer<ActionRejected>
{
    public Task Consume(ConsumeContext<ActionRejected> context) =>
        push.SendAsync(context, context.Message.PlayerId, "commandRejected", context.Message);
}
