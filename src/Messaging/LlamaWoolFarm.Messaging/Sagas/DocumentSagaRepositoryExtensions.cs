using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace LlamaWoolFarm.Messaging.Sagas;

/// <summary>Registration of the document saga repository.</summary>
public static class DocumentSagaRepositoryExtensions
{
    /// <summary>
    /// Keeps the saga's instances in the document store (<c>x.AddSagaStateMachine&lt;TMachine, TState&gt;().DocumentRepository()</c>).
    /// Instances are correlated by <c>CorrelationId</c>; expression queries are not supported.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> DocumentRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
        configurator.Repository(r =>
        {
            r.RegisterLoadSagaRepository<TSaga, DocumentSagaRepositoryContextFactory<TSaga>>();
            r.RegisterSagaRepository<TSaga, DocumentSagaContext<TSaga>, SagaConsumeContextFactory<DocumentSagaContext<TSaga>, TSaga>, DocumentSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
