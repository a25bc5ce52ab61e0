using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Sagas;

/// <summary>The real store, counting the replaces that lost on their version (the conflicts the saga must retry).</summary>
public sealed class CountingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private int _conflicts;

    public int Conflicts => Volatile.Read(ref _conflicts);

    public IDocumentCollection<T> Collection<T>(string name, params DocumentIndex[] indexes)
        where T : class => new Counting<T>(inner.Collection<T>(name, indexes), this);

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    private sealed class Counting<T>(IDocumentCollection<T> inner, CountingDocumentStore owner) : IDocumentCollection<T>
        where T : class
    {
        public string Name => inner.Name;

        public Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default) => inner.InsertAsync(id, document, cancellationToken);

        public async Task<bool> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default)
        {
            var replaced = await inner.ReplaceAsync(id, document, expectedVersion, cancellationToken);
            if (!replaced)
            {
                Interlocked.Increment(ref owner._conflicts);
            }

            return replaced;
        }

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

        public Task<IReadOnlyList<Stored<T>>> FindAsync(string field, string value, int limit, CancellationToken cancellationToken = default) =>
            inner.FindAsync(field, value, limit, cancellationToken);

        public Task<IReadOnlyList<Stored<T>>> ListAsync(string afterId, int limit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(afterId, limit, cancellationToken);
    }
}
