using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Relays granted offline gains to their player as <c>offlineProgressGranted</c>.</summary>
public sealed class OfflineProgressGrantedRelayConsumer(PlayerPush push) : IConsumer<OfflineProgressGranted>
{
    public Task Consume(ConsumeContext<OfflineProgressGranted> context) =>
        push.SendAsync(context, context.Message.PlayerId, "offlineProgressGranted", context.Message);
}
