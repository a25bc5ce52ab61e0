using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace LlamaWoolFarm.Messaging.Sagas;

/// <summary>The saga repository as one message sees it: load, add, insert, update, delete on the document store.</summary>
public sealed class DocumentSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly DocumentSagaContext<TSaga> _sagas;
    private readonly ISagaConsumeContextFactory<DocumentSagaContext<TSaga>, TSaga> _factory;

    public DocumentSagaRepositoryContext(DocumentSagaContext<TSaga> sagas, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<DocumentSagaContext<TSaga>, TSaga> factory)
        : base(consumeContext)
    {
        _sagas = sagas;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_sagas, consumeContext, instance, mode);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_sagas, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        // An instance that exists already is not an error here: the caller loads it instead.
        return await _sagas.InsertAsync(instance, CancellationToken)
            ? await _factory.CreateSagaConsumeContext(_sagas, _consumeContext, instance, SagaConsumeContextMode.Insert)
            : default!;
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _sagas.LoadAsync(correlationId, CancellationToken);
        return instance is null ? default! : await _factory.CreateSagaConsumeContext(_sagas, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        // Two first messages for one instance: the loser retries and then finds the winner's instance.
        if (!await _sagas.InsertAsync(context.Saga, CancellationToken))
        {
            throw new ConcurrencyException($"Saga {typeof(TSaga).Name} {context.Saga.CorrelationId} was created by another message; the message is retried.", typeof(TSaga), context.Saga.CorrelationId);
        }
    }

    public Task Update(SagaConsumeContext<TSaga> context) => _sagas.UpdateAsync(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<TSaga> context) => _sagas.DeleteAsync(context.Saga, CancellationToken);

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;
}

/// <summary>The saga repository outside a message: load an instance by its correlation id.</summary>
public sealed class DocumentSagaLoadContext<TSaga>(DocumentSagaContext<TSaga> sagas, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public async Task<TSaga> Load(Guid correlationId) => (await sagas.LoadAsync(correlationId, CancellationToken))!;
}
