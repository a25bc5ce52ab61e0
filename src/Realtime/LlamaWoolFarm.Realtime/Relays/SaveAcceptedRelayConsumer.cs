using LlamaWoolFarm.Contracts.Saves;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Tells the player's other devices a new save revision exists, as <c>saveAccepted</c>, so they sync before uploading.</summary>
public sealed class SaveAcceptedRelayConsumer(PlayerPush push) : IConsumer<SaveAccepted>
{
    public Task Consume(ConsumeContext<SaveAccepted> context) =>
        push.SendAsync(context, context.Message.PlayerId, "saveAccepted", context.Message);
}
