using LlamaWoolFarm.Storage.Documents;
using MassTransit;
using MassTransit.Saga;

namespace LlamaWoolFarm.Messaging.Sagas;

/// <summary>
/// The project's saga repository: instances are documents of the collection <c>saga_&lt;type&gt;</c>, written with
/// the store's optimistic versions. A conflicting write throws <see cref="ConcurrencyException"/>, which the
/// default receive policy retries, so the message runs again on the fresh instance.
/// </summary>
public sealed class DocumentSagaRepositoryContextFactory<TSaga>(IDocumentStore store, ISagaConsumeContextFactory<DocumentSagaContext<TSaga>, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
{
    /// <summary>The collection holding the instances of <typeparamref name="TSaga"/>.</summary>
    public static string CollectionName { get; } = "saga_" + System.Text.RegularExpressions.Regex.Replace(typeof(TSaga).Name, "(?<=[a-z0-9])([A-Z])", "_$1").ToLowerInvariant();

    public void Probe(ProbeContext context) => context.Add("persistence", "documents");

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new DocumentSagaRepositoryContext<TSaga, T>(NewContext(), context, factory));

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        throw new NotSupportedException($"The document saga repository correlates {typeof(TSaga).Name} by CorrelationId only.");

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new DocumentSagaLoadContext<TSaga>(NewContext(), cancellationToken));

    private DocumentSagaContext<TSaga> NewContext() => new(store.Collection<TSaga>(CollectionName));
}
