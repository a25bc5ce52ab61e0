using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;

/// <summary>
/// Queue depths on RabbitMQ through a passive queue declare on a connection of its own: the broker answers with the
/// queue's ready count at once (the management API's figures are sampled every 5 s, too late to bound a backlog of
/// seconds). Messages delivered to a consumer but not yet acknowledged are not in it: each worker reports those it
/// holds itself. One declare per queue per report (twice a second per game worker), nothing per request.
/// </summary>
public sealed class RabbitMqQueueDepth(IConfiguration configuration, ILogger<RabbitMqQueueDepth> logger) : ICommandQueueDepth, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;
    private bool _warned;

    public async Task<long?> WaitingAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            long waiting = 0;
            foreach (var queue in queues)
            {
                var channel = await ChannelAsync(cancellationToken);
                try
                {
                    waiting += (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                {
                    // Not declared yet (no consumer started on it): nothing waits there. The 404 closed the channel.
                    _channel = null;
                }
            }

            _warned = false;
            return waiting;
        }
        catch (Exception e) when (e is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException or TimeoutException)
        {
            if (!_warned)
            {
                logger.LogWarning("Game command queue depths cannot be read from RabbitMQ ({Error}); no backlog is reported until they can.", e.Message);
                _warned = true;
            }

            await ResetAsync();
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        if (_connection is not { IsOpen: true })
        {
            await ResetAsync();
            var uri = new UriBuilder(configuration.GetConnectionString("rabbitmq")!);
            if (uri.Scheme == "rabbitmq")
            {
                uri.Scheme = "amqp";
            }

            var factory = new ConnectionFactory { Uri = uri.Uri, ClientProvidedName = "lwf-backlog-depth", RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
        }

        _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return _channel;
    }

    private async Task ResetAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            // Already gone: nothing to close.
        }
    }
}
