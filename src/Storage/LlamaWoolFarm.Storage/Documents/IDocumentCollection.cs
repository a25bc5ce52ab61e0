namespace LlamaWoolFarm.Storage.Documents;

/// <summary>
/// One collection of the document store (players, game states, saves, commands, saga instances ...).
/// Writes are optimistic: a replace names the version it read, and loses when someone else wrote first.
/// </summary>
public interface IDocumentCollection<T>
    where T : class
{
    /// <summary>The collection name, as used for tables or MongoDB collections.</summary>
    string Name { get; }

    /// <summary>Returns the document, or null when there is none with this id.</summary>
    Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Inserts at version 1. Returns false, and changes nothing, when the id (or a unique index value) is taken.</summary>
    Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the document only if its stored version is <paramref name="expectedVersion"/>; the new version is
    /// expectedVersion + 1. Returns false, and changes nothing, on a version conflict or when the document is gone.
    /// </summary>
    Task<bool> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document. Returns false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Documents whose indexed <paramref name="field"/> (a declared <see cref="DocumentIndex"/>) equals
    /// <paramref name="value"/>, at most <paramref name="limit"/>, in id order.
    /// </summary>
    Task<IReadOnlyList<Stored<T>>> FindAsync(string field, string value, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the whole collection in id order: the documents whose id sorts after <paramref name="afterId"/>
    /// (ordinal; empty for the first page), at most <paramref name="limit"/>. The next page starts after the last id
    /// returned. Only the collection's owner pages through it (e.g. to answer a query over all its documents).
    /// </summary>
    Task<IReadOnlyList<Stored<T>>> ListAsync(string afterId, int limit, CancellationToken cancellationToken = default);
}
