using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Tells a player's friends that it went offline (realtime relays it as <c>friendOffline</c>).</summary>
public sealed class PlayerWentOfflineConsumer(FriendPresence presence) : IConsumer<PlayerWentOffline>
{
    public async Task Consume(ConsumeContext<PlayerWentOffline> context)
    {
        var m = context.Message;
        if (await presence.ForFriendsAsync(m.PlayerId, online: false, m.At, context.CancellationToken) is { } changed)
        {
            await context.Publish(changed, context.CancellationToken);
        }
    }
}
