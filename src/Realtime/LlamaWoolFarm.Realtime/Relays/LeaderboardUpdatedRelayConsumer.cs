using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Realtime.Hubs;
using MassTransit;
using Microsoft.AspNetCore.SignalR;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Broadcasts a new top 10 to every connection as <c>leaderboardUpdated</c>, at most once per category per
/// <see cref="Interval"/> (the newest top 10 wins), on top of the worker's own one-per-second coalescing.
/// </summary>
public sealed class LeaderboardUpdatedRelayConsumer(IHubContext<GameHub> hub) : IConsumer<LeaderboardUpdated>
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // One coalescer per process: relay consumers are created per message.
    private static readonly PushCoalescer Coalescer = new(Interval, TimeProvider.System);

    public Task Consume(ConsumeContext<LeaderboardUpdated> context)
    {
        var m = context.Message;
        var envelope = new RealtimeMessage("leaderboardUpdated", context.MessageId?.ToString("N") ?? NewId.NextGuid().ToString("N"), m.At, m);
        return Coalescer.PushAsync(m.Category, () => hub.Clients.All.SendAsync("leaderboardUpdated", envelope));
    }
}
