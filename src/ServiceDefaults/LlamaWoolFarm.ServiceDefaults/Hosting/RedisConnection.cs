using StackExchange.Redis;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>
/// The settings every Redis connection of the system uses, so a dead or hung Redis costs a caller a bounded time:
/// start without Redis (<c>abortConnect=false</c>), fail at once while disconnected instead of queueing commands
/// (the caller answers 503 and the client retries), give up on a command after 1.5 s, and reconnect with a
/// backoff capped at 5 s. A setting the connection string names explicitly wins.
/// </summary>
public static class RedisConnection
{
    /// <summary>How long a connect attempt and a single command may take.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>The first reconnect delay after Redis went away; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    /// <summary>Parses <paramref name="connectionString"/> and applies the bounded defaults to what it leaves unset.</summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        Apply(options, connectionString);
        return options;
    }

    /// <summary>Applies the bounded defaults to options parsed from <paramref name="connectionString"/> (e.g. the SignalR backplane's).</summary>
    public static void Apply(ConfigurationOptions options, string connectionString)
    {
        var timeout = (int)CommandTimeout.TotalMilliseconds;
        if (!Names(connectionString, "abortConnect"))
        {
            options.AbortOnConnectFail = false;
        }

        if (!Names(connectionString, "connectTimeout"))
        {
            options.ConnectTimeout = timeout;
        }

        if (!Names(connectionString, "syncTimeout"))
        {
            options.SyncTimeout = timeout;
        }

        if (!Names(connectionString, "asyncTimeout"))
        {
            options.AsyncTimeout = timeout;
        }

        // Neither can be set in a connection string.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry((int)FirstReconnectDelay.TotalMilliseconds, (int)MaxReconnectDelay.TotalMilliseconds);
    }

    private static bool Names(string connectionString, string key) =>
        connectionString.Split(',').Any(part => part.TrimStart().StartsWith(key + "=", StringComparison.OrdinalIgnoreCase));
}
