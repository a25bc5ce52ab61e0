namespace LlamaWoolFarm.Client;

public sealed class LlamaWoolFarmClientOptions
{
    /// <summary>The server, e.g. <c>http://localhost:5080</c> (Standalone) or the gateway's address.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The realtime service when it is not behind <see cref="BaseAddress"/> (distributed deployments).</summary>
    public Uri? RealtimeAddress { get; set; }

    /// <summary>HTTP attempts per call on 503, 429, 409 <c>IDEMPOTENCY_KEY_IN_USE</c> and network failures.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first backoff when the server names no Retry-After; doubled per attempt, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>No wait between attempts is longer than this, whatever Retry-After says.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Refresh the access token ahead of its expiry by this much before opening a realtime connection.</summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The handler under the client's HttpClient (a proxy, a Unity-specific handler, a test's).</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Waits between realtime reconnect attempts; the last repeats forever (a game keeps trying).</summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; set; } =
        [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    /// <summary>The hub's presence heartbeat (the server's lease is 90 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Re-read <c>game/state</c> after every reconnect (raises <see cref="RealtimeConnection.StateRefreshed"/>).</summary>
    public bool RereadStateOnReconnect { get; set; } = true;
}
