using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Game.Tests;

/// <summary>
/// A document store whose first replace of a game state loses as if another worker had written first (the other
/// write is a real one: the stored document's version moves on), so the command must be retried.
/// </summary>
public sealed class ConflictOnceStore(IDocumentStore inner) : IDocumentStore
{
    private int _conflicts;

    public int Conflicts => _conflicts;

    public IDocumentCollection<T> Collection<T>(string name, params DocumentIndex[] indexes)
        where T : class
    {
        var collection = inner.Collection<T>(name, indexes);
        return name == "game_states" ? new Conflicting<T>(collection, this) : collection;
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    private sealed class Conflicting<T>(IDocumentCollection<T> inner, ConflictOnceStore owner) : IDocumentCollection<T>
        where T : class
    {
        public string Name => inner.Name;

        public Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default) => inner.InsertAsync(id, document, cancellationToken);

        public async Task<bool> ReplaceAsync(string id, T document, long expectedVersion, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref owner._conflicts, 1) == 0)
            {
                // Another writer rewrites the state it read (unchanged) first; this write then conflicts.
                var current = await inner.GetAsync(id, cancellationToken);
                Assert.True(await inner.ReplaceAsync(id, current!.Document, current.Version, cancellationToken));
            }

            return await inner.ReplaceAsync(id, document, expectedVersion, cancellationToken);
        }

        public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

        public Task<IReadOnlyList<Stored<T>>> FindAsync(string field, string value, int limit, CancellationToken cancellationToken = default) =>
            inner.FindAsync(field, value, limit, cancellationToken);

        public Task<IReadOnlyList<Stored<T>>> ListAsync(string afterId, int limit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(afterId, limit, cancellationToken);
    }
}
