using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.Consumers;

/// <summary>Tells a player's friends that it came online (realtime relays it as <c>friendOnline</c>).</summary>
public sealed class PlayerCameOnlineConsumer(FriendPresence presence) : IConsumer<PlayerCameOnline>
{
    public async Task Consume(ConsumeContext<PlayerCameOnline> context)
    {
        var m = context.Message;
        if (await presence.ForFriendsAsync(m.PlayerId, online: true, m.At, context.CancellationToken) is { } changed)
        {
            await context.Publish(changed, context.CancellationToken);
        }
    }
}
