using System.Collections.Concurrent;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>
/// Coalesces pushes per key: the first push of a key goes out at once; pushes arriving within the interval after
/// it replace each other, and only the latest goes out when the interval has passed. Clients therefore see the
/// newest state at most once per interval per key, however busy the board.
/// </summary>
public sealed class PushCoalescer(TimeSpan interval, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Sends now, or keeps <paramref name="send"/> as the key's latest push for the end of the interval.</summary>
    public Task PushAsync(string key, Func<Task> send)
    {
        var slot = _slots.GetOrAdd(key, _ => new Slot());
        lock (slot)
        {
            var now = clock.GetUtcNow();
            if (!slot.Scheduled && now - slot.LastSent >= interval)
            {
                slot.LastSent = now;
                return send();
            }

            slot.Latest = send;
            if (slot.Scheduled)
            {
                return Task.CompletedTask;
            }

            slot.Scheduled = true;
            var wait = interval - (now - slot.LastSent);
            _ = SendLaterAsync(slot, wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
            return Task.CompletedTask;
        }
    }

    private async Task SendLaterAsync(Slot slot, TimeSpan wait)
    {
        await Task.Delay(wait, clock);
        Func<Task>? send;
        lock (slot)
        {
            send = slot.Latest;
            slot.Latest = null;
            slot.Scheduled = false;
            slot.LastSent = clock.GetUtcNow();
        }

        if (send is not null)
        {
            try
            {
                await send();
            }
            catch (Exception)
            {
                // A trailing push is best effort: the next change pushes the newest state again.
            }
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset LastSent { get; set; } = DateTimeOffset.MinValue;

        public bool Scheduled { get; set; }

        public Func<Task>? Latest { get; set; }
    }
}
