using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Realtime.Hubs;
using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Relays a rank move to its player as <c>rankChanged</c>, coalesced per player and category to one push per
/// <see cref="Interval"/> (the latest move wins).
/// </summary>
public sealed class RankChangedRelayConsumer(IHubContext<GameHub> hub) : IConsumer<RankChanged>
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    // One coalescer per process: relay consumers are created per message.
    private static readonly PushCoalescer Coalescer = new(Interval, TimeProvider.System);

    public Task Consume(ConsumeContext<RankChanged> context)
    {
        var m = context.Message;
        var envelope = new RealtimeMessage("rankChanged", context.MessageId?.ToString("N") ?? NewId.NextGuid().ToString("N"), m.At, m);
        return Coalescer.PushAsync(
            $"{m.PlayerId:N}:{m.Category}",
            () => hub.Clients.Group(GameHub.PlayerGroup(m.PlayerId.ToString())).SendAsync("rankChanged", envelope));
    }
}
