using MassTransit.Testing;

namespace LlamaWoolFarm.Testing;

/// <summary>Waits on the test harness to a deadline rather than to its inactivity window.</summary>
public static class HarnessWaits
{
    /// <summary>
    /// Whether a matching message is published within <paramref name="timeout"/> (20 s by default). The harness's own
    /// <c>Published.Any</c> gives up after 1.2 s without bus activity, which a scheduled message or a slow store write
    /// on a loaded machine outlasts.
    /// </summary>
    public static async Task<bool> PublishedWithinAsync<T>(this ITestHarness harness, Func<T, bool> match, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!harness.Published.Select<T>().Any(m => match(m.Context.Message)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
