namespace LlamaWoolFarm.Storage.Documents;

/// <summary>The document store port: the system of record (MongoDB in server mode, SQLite embedded).</summary>
public interface IDocumentStore
{
    /// <summary>
    /// A typed collection. Its indexes are created idempotently the first time the collection is opened
    /// by this process, so a fresh database and an old one end up with the same schema.
    /// </summary>
    IDocumentCollection<T> Collection<T>(string name, params DocumentIndex[] indexes)
        where T : class;

    /// <summary>Answers whether the store can be reached (readiness).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
