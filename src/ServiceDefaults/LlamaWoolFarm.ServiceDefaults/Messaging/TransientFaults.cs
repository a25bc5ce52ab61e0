using System.Data.Common;
using System.Net.Sockets;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;
using MongoDB.Driver;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>
/// Which consumer faults are worth another attempt. Only faults that can pass with time are retried and
/// redelivered: optimistic-concurrency conflicts, timeouts, cancellations, I/O and socket faults, and the
/// connection, timeout and fail-over faults of the stores and the broker. Every other exception — bad data
/// (<see cref="ArgumentException"/>, <see cref="System.Text.Json.JsonException"/>, <see cref="FormatException"/>,
/// the <see cref="InvalidOperationException"/> of a lone surrogate, an <see cref="System.Text.EncoderFallbackException"/>)
/// or a bug — fails the same way every time, so its message goes to the <c>_error</c> queue at once instead of
/// holding its queue through retries and redeliveries.
/// </summary>
public static class TransientFaults
{
    /// <summary>True when the exception, or one it wraps, can pass with time.</summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // An outage of Redis, the broker, a store or a worker (DependencyFailures, which the gateway answers 503 for)
        // passes with time; the list of those exceptions lives there, once.
        if (DependencyFailures.Classify(exception) is not null)
        {
            return true;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsTransient);
            }

            if (IsTransientItself(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        // A saga's or a service's lost optimistic write; the second is what OptimisticRetry gives up with.
        ConcurrencyException or DocumentConflictException => true,
        // Includes Redis's and the MongoDB driver's server-selection timeouts and MassTransit's RequestTimeoutException.
        TimeoutException or RequestTimeoutException or TimeoutRejectedException or BrokenCircuitException => true,
        OperationCanceledException => true,
        IOException or SocketException or HttpRequestException => true,
        DbException db => db.IsTransient,
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException
            or MongoExecutionTimeoutException or MongoWaitQueueFullException => true,
        MongoException mongo => mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError"),
        // The broker client's own faults (a closed channel, an unreachable broker) all pass with a reconnect.
        _ => exception.GetType().Namespace == "RabbitMQ.Client.Exceptions",
    };
}
