using System.Collections.Concurrent;
using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// The transactional outbox of accepted commands, on the document store (in Standalone, the SQLite file of every
/// other document; WAL with <c>synchronous=NORMAL</c> keeps a commit through a process kill). A command is recorded
/// first — the request is answered only after that commit — then sent with its outbox id in the
/// <see cref="HeaderName"/> header; <see cref="OutboxDeliveryFilter{T}"/> deletes it once its consumer has finished,
/// and <see cref="OutboxRecovery"/> delivers at the next start whatever a crashed run left.
/// </summary>
/// <remarks>
/// Cost per command: one insert and one delete, both through the file's group commit, so under load they share
/// transactions with the game worker's writes.
/// </remarks>
public sealed class CommandOutbox : IAcceptedCommands
{
    /// <summary>The header carrying the outbox id of a delivered command.</summary>
    public const string HeaderName = "LWF-Outbox-Id";

    private readonly IBus _bus;
    private readonly TimeProvider _clock;
    private readonly OutboxOptions _options;
    private readonly ILogger<CommandOutbox> _logger;
    private readonly TaskCompletionSource _live = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _registering = new(1, 1);

    // Accepted (recorded or recovered) and not yet completed, by queue name: the Standalone backlog (backpressure).
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private volatile bool _registered;

    public CommandOutbox(IDocumentStore store, IBus bus, TimeProvider clock, OutboxOptions options, ILogger<CommandOutbox> logger)
    {
        Messages = store.Collection<OutboxMessage>("outbox", new DocumentIndex("box"));
        Instances = store.Collection<OutboxInstance>("outbox_instances", new DocumentIndex("kind"));
        _bus = bus;
        _clock = clock;
        _options = options;
        _logger = logger;
    }

    /// <summary>This run's id: the box of the messages it records and claims.</summary>
    public string InstanceId { get; } = NewId.NextGuid().ToString("N");

    internal IDocumentCollection<OutboxMessage> Messages { get; }

    internal IDocumentCollection<OutboxInstance> Instances { get; }

    public async Task SendAsync<T>(T command, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(command);
        await EnsureRegisteredAsync(cancellationToken);
        var now = _clock.GetUtcNow();
        // Ids sort by acceptance time, so recovery delivers a crashed run's commands in the order they were accepted.
        var id = $"{now.UtcTicks:D19}{NewId.NextGuid():N}";
        var message = new OutboxMessage
        {
            Box = InstanceId,
            MessageType = TypeName(typeof(T)),
            Destination = Queues.For<T>().ToString(),
            Body = JsonSerializer.Serialize(command, SystemTextJsonMessageSerializer.Options),
            AcceptedAt = now,
        };
        if (!await Messages.InsertAsync(id, message, cancellationToken))
        {
            throw new InvalidOperationException($"Outbox id {id} is taken.");
        }

        Count(QueueOf(message.Destination), 1);
        // Recorded: from here the command survives this process, so the delivery no longer depends on the request.
        await DeliverAsync(id, message.Destination, command, typeof(T));
    }

    /// <summary>
    /// Whether a recorded command whose consumer has not finished yet carries this command id and player id (in its
    /// serialized body). A scan of the outbox, which holds only commands in flight, so it is small; it answers the
    /// rare question "was this unknown command accepted?" (<c>GET commands/{id}</c>), never a hot path.
    /// </summary>
    public async Task<bool> HoldsAsync(Guid commandId, Guid playerId, CancellationToken cancellationToken)
    {
        const int Page = 500;
        var command = commandId.ToString("D");
        var player = playerId.ToString("D");
        var after = string.Empty;
        while (true)
        {
            var page = await Messages.ListAsync(after, Page, cancellationToken);
            if (page.Any(m => m.Document.Body.Contains(command, StringComparison.OrdinalIgnoreCase) && m.Document.Body.Contains(player, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (page.Count < Page)
            {
                return false;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Removes a delivered command whose consumer has finished.</summary>
    public Task CompleteAsync(string id) => Messages.DeleteAsync(id, CancellationToken.None);

    /// <summary>Removes a delivered command of <paramref name="queue"/> whose consumer has finished, and counts it done.</summary>
    public Task CompleteAsync(string id, string queue)
    {
        Count(queue, -1);
        return CompleteAsync(id);
    }

    /// <summary>Commands of <paramref name="queue"/> this run accepted or recovered whose consumer has not finished.</summary>
    public long Pending(string queue) => Math.Max(0, _pending.GetValueOrDefault(queue));

    /// <summary>Called once the bus has started: on the in-memory transport a message sent earlier is lost.</summary>
    internal void MarkLive() => _live.TrySetResult();

    /// <summary>Delivers a recorded message of an earlier run (already claimed into this run's box).</summary>
    internal Task DeliverRecordedAsync(string id, OutboxMessage message)
    {
        var type = Type.GetType(message.MessageType, throwOnError: false)
            ?? throw new InvalidDataException($"Outbox message {id} names an unknown type '{message.MessageType}'.");
        var command = JsonSerializer.Deserialize(message.Body, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidDataException($"Outbox message {id} has an empty body.");
        Count(QueueOf(message.Destination), 1);
        return DeliverAsync(id, message.Destination, command, type);
    }

    /// <summary>Registers this run before it records anything, so a crash never leaves messages in an unknown box.</summary>
    internal async Task EnsureRegisteredAsync(CancellationToken cancellationToken)
    {
        if (_registered)
        {
            return;
        }

        await _registering.WaitAsync(cancellationToken);
        try
        {
            if (!_registered)
            {
                await Instances.InsertAsync(InstanceId, new OutboxInstance { StartedAt = _clock.GetUtcNow() }, cancellationToken);
                _registered = true;
            }
        }
        finally
        {
            _registering.Release();
        }
    }

    // Destinations are "queue:name" (Queues.For).
    private static string QueueOf(string destination) => destination.StartsWith("queue:", StringComparison.Ordinal) ? destination[6..] : destination;

    private void Count(string queue, long delta) => _pending.AddOrUpdate(queue, delta, (_, n) => n + delta);

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private async Task DeliverAsync(string id, string destination, object command, Type type)
    {
        if (_options.HoldDelivery)
        {
            return;
        }

        await _live.Task;
        try
        {
            var endpoint = await _bus.GetSendEndpoint(new Uri(destination));
            await endpoint.Send(command, type, Pipe.Execute<SendContext>(c => c.Headers.Set(HeaderName, id)), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The command is recorded: a bus that is stopping loses nothing, the next start delivers it.
            _logger.LogWarning(e, "Outbox message {OutboxId} was recorded but not delivered; the next start delivers it.", id);
        }
    }
}
