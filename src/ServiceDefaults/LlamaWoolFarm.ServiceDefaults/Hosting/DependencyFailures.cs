using MassTransit;
using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>
/// Tells a dependency outage (Redis, the broker, a store, a worker that did not answer) from a bug, so callers can
/// answer "unavailable, retry" (HTTP 503) instead of "internal error". Looks through inner and aggregate exceptions
/// and through the fault a worker answered a request with (its exceptions arrive as type names).
/// </summary>
public static class DependencyFailures
{
    public const string Redis = "redis";
    public const string Broker = "broker";
    public const string Store = "store";
    public const string Worker = "worker";

    /// <summary>Something this process waited on did not answer in time.</summary>
    public const string Timeout = "timeout";

    // Full type names as a worker's Fault reports them.
    private static readonly Dictionary<string, string> FaultTypes = new(StringComparer.Ordinal)
    {
        [typeof(RedisConnectionException).FullName!] = Redis,
        [typeof(RedisTimeoutException).FullName!] = Redis,
        [typeof(RabbitMqConnectionException).FullName!] = Broker,
        [typeof(BrokerUnreachableException).FullName!] = Broker,
        [typeof(AlreadyClosedException).FullName!] = Broker,
        ["LlamaWoolFarm.Storage.Analytics.AnalyticsStoreUnavailableException"] = Store,
        ["MongoDB.Driver.MongoConnectionException"] = Store,
        ["MongoDB.Driver.MongoConnectionPoolPausedException"] = Store,
        ["MongoDB.Driver.MongoWaitQueueFullException"] = Store,
        // The saves worker's backup bucket, unreachable while a restore needed a backup only it still holds.
        ["LlamaWoolFarm.Workers.Saves.ObjectStore.BackupObjectStoreUnavailableException"] = Store,
        // The Mongo driver reports "no server could be selected in time" as a plain TimeoutException.
        [typeof(TimeoutException).FullName!] = Store,
    };

    /// <summary>The dependency whose outage <paramref name="exception"/> reports (one of the constants), or null for anything else.</summary>
    public static string? Classify(Exception exception)
    {
        var seen = 0;
        var pending = new Stack<Exception>();
        pending.Push(exception);
        // Bounded: exception graphs are small, but a cycle must not hang an error path.
        while (pending.Count > 0 && seen++ < 32)
        {
            var current = pending.Pop();
            var found = current switch
            {
                RedisConnectionException or RedisTimeoutException => Redis,
                ConnectionException or BrokerUnreachableException or AlreadyClosedException => Broker,
                RequestTimeoutException => Worker,
                RequestFaultException fault => Classify(fault.Fault?.Exceptions ?? []),
                TimeoutException => Timeout,
                _ => FaultTypes.GetValueOrDefault(current.GetType().FullName ?? string.Empty),
            };
            if (found is not null)
            {
                return found;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return null;
    }

    private static string? Classify(IEnumerable<ExceptionInfo> exceptions)
    {
        foreach (var info in exceptions)
        {
            for (var current = info; current is not null; current = current.InnerException)
            {
                if (FaultTypes.TryGetValue(current.ExceptionType ?? string.Empty, out var dependency))
                {
                    return dependency;
                }
            }
        }

        return null;
    }
}
