using System.Collections.Concurrent;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;

namespace LlamaWoolFarm.Messaging.Sagas;

/// <summary>
/// The saga instances of one type in the document store, with the version each instance had when this message
/// loaded it: the version a later update or delete must still find.
/// </summary>
public sealed class DocumentSagaContext<TSaga>(IDocumentCollection<TSaga> collection)
    where TSaga : class, ISaga
{
    private readonly ConcurrentDictionary<Guid, long> _loadedVersions = new();

    public IDocumentCollection<TSaga> Collection { get; } = collection;

    /// <summary>The document id of an instance.</summary>
    public static string Id(Guid correlationId) => correlationId.ToString("D");

    /// <summary>Reads an instance and remembers its version; null when there is none.</summary>
    public async Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var stored = await Collection.GetAsync(Id(correlationId), cancellationToken);
        if (stored is null)
        {
            return null;
        }

        _loadedVersions[correlationId] = stored.Version;
        return stored.Document;
    }

    /// <summary>Inserts a new instance; false when another message created it first.</summary>
    public async Task<bool> InsertAsync(TSaga instance, CancellationToken cancellationToken)
    {
        if (!await Collection.InsertAsync(Id(instance.CorrelationId), instance, cancellationToken))
        {
            return false;
        }

        _loadedVersions[instance.CorrelationId] = 1;
        return true;
    }

    /// <summary>Writes an instance back over the version it was loaded at, or throws <see cref="ConcurrencyException"/>.</summary>
    public async Task UpdateAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var version = LoadedVersion(instance);
        if (!await Collection.ReplaceAsync(Id(instance.CorrelationId), instance, version, cancellationToken))
        {
            throw new ConcurrencyException($"Saga {typeof(TSaga).Name} {instance.CorrelationId} changed since version {version}; the message is retried.", typeof(TSaga), instance.CorrelationId);
        }

        _loadedVersions[instance.CorrelationId] = version + 1;
    }

    /// <summary>Deletes a finished instance if nobody changed it since it was loaded, or throws <see cref="ConcurrencyException"/>.</summary>
    public async Task DeleteAsync(TSaga instance, CancellationToken cancellationToken)
    {
        var version = LoadedVersion(instance);
        var current = await Collection.GetAsync(Id(instance.CorrelationId), cancellationToken);
        if (current is not null && current.Version != version)
        {
            throw new ConcurrencyException($"Saga {typeof(TSaga).Name} {instance.CorrelationId} changed since version {version}; the message is retried.", typeof(TSaga), instance.CorrelationId);
        }

        await Collection.DeleteAsync(Id(instance.CorrelationId), cancellationToken);
        _loadedVersions.TryRemove(instance.CorrelationId, out _);
    }

    private long LoadedVersion(TSaga instance) =>
        _loadedVersions.TryGetValue(instance.CorrelationId, out var version)
            ? version
            : throw new ConcurrencyException($"Saga {typeof(TSaga).Name} {instance.CorrelationId} was not loaded by this message.", typeof(TSaga), instance.CorrelationId);
}
