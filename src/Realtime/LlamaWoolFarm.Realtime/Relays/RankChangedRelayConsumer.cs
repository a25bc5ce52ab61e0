using LlamaWoolFarm.Contracts.Leaderboards;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Relays a rank move to its player as <c>rankChanged</c>, coalesced per player and category to one push per
/// <see cref="Interval"/> (the latest move wins). Only the push that goes out is numbered.
/// </summary>
public sealed class RankChangedRelayConsumer(PlayerPush push) : IConsumer<RankChanged>
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    // One coalescer per process: relay consumers are created per message.
    private static readonly PushCoalescer Coalescer = new(Interval, TimeProvider.System);

    public Task Consume(ConsumeContext<RankChanged> context)
    {
        var m = context.Message;
        var id = context.MessageId?.ToString("N") ?? NewId.NextGuid().ToString("N");
        return Coalescer.PushAsync(
            $"{m.PlayerId:N}:{m.Category}",
            () => push.SendToPlayerAsync(m.PlayerId, "rankChanged", id, m.At, m, CancellationToken.None));
    }
}
