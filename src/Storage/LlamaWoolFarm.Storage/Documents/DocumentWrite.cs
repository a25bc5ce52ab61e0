namespace LlamaWoolFarm.Storage.Documents;

/// <summary>What one write of an <see cref="IAtomicDocumentWrites"/> batch does, and the condition it must meet.</summary>
public enum DocumentWriteKind
{
    /// <summary>Inserts at version 1; its condition is that the id (and every unique value) is free.</summary>
    Insert,

    /// <summary>Inserts at version 1 when the id is free and otherwise leaves the stored document alone; no condition.</summary>
    InsertIfAbsent,

    /// <summary>Replaces the document at version expectedVersion + 1; its condition is that the stored version is expectedVersion.</summary>
    Replace,
}

/// <summary>
/// One document write of an atomic batch, made from the collection it goes to (so it names a collection the store
/// already opened, with its indexes).
/// </summary>
public sealed class DocumentWrite
{
    private DocumentWrite(string collection, string id, object document, Type documentType, DocumentWriteKind kind, long expectedVersion)
    {
        Collection = collection;
        Id = id;
        Document = document;
        DocumentType = documentType;
        Kind = kind;
        ExpectedVersion = expectedVersion;
    }

    public string Collection { get; }

    public string Id { get; }

    public object Document { get; }

    /// <summary>The type the document is stored as (the collection's document type, not the object's runtime type).</summary>
    public Type DocumentType { get; }

    public DocumentWriteKind Kind { get; }

    /// <summary>The version a <see cref="DocumentWriteKind.Replace"/> expects to replace; 0 for inserts.</summary>
    public long ExpectedVersion { get; }

    public static DocumentWrite Insert<T>(IDocumentCollection<T> collection, string id, T document)
        where T : class => Create(collection, id, document, DocumentWriteKind.Insert, 0);

    public static DocumentWrite InsertIfAbsent<T>(IDocumentCollection<T> collection, string id, T document)
        where T : class => Create(collection, id, document, DocumentWriteKind.InsertIfAbsent, 0);

    public static DocumentWrite Replace<T>(IDocumentCollection<T> collection, string id, T document, long expectedVersion)
        where T : class => Create(collection, id, document, DocumentWriteKind.Replace, expectedVersion);

    private static DocumentWrite Create<T>(IDocumentCollection<T> collection, string id, T document, DocumentWriteKind kind, long expectedVersion)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(document);
        return new(collection.Name, id, document, typeof(T), kind, expectedVersion);
    }
}

/// <summary>
/// A document store that can make several writes, in one collection or several, as one: all of them or none.
/// </summary>
/// <remarks>
/// Optional, and asked for with a type test: the embedded SQLite store has it (the writes share one savepoint of its
/// group commit), MongoDB does not here (a multi-document transaction needs a replica set, which a studio's single
/// server may not be). A caller keeps a step-by-step path for a store without it, and that path must stay correct on
/// its own; the atomic one is the shorter way to the same result.
/// </remarks>
public interface IAtomicDocumentWrites
{
    /// <summary>
    /// Makes every write of <paramref name="writes"/>, in order, in one transaction.
    /// </summary>
    /// <returns>
    /// -1 when all were made; otherwise the index of the first write whose condition failed (an insert whose id or
    /// unique value was taken, a replace whose version had moved on or whose document is gone), and none was made.
    /// </returns>
    Task<int> WriteAllAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default);
}
