using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.StateMachines;

/// <summary>One player's messages run one at a time (the parts confirm together); a version conflict is retried by the receive policy.</summary>
public sealed class AccountDeletionStateDefinition : SagaDefinition<AccountDeletionState>
{
    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<AccountDeletionState> sagaConfigurator,
        IRegistrationContext context)
    {
        var partitioner = endpointConfigurator.CreatePartitioner(8);
        sagaConfigurator.Message<AccountDeletionRequested>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
        sagaConfigurator.Message<AccountDeletionCancelled>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
        sagaConfigurator.Message<EndAccountDeletionGracePeriod>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
        sagaConfigurator.Message<AccountPurgeStarted>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
        sagaConfigurator.Message<PlayerDataPurged>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
        sagaConfigurator.Message<RetryPlayerDataPurge>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
        sagaConfigurator.Message<PlayerDataPurgeTimedOut>(m => m.UsePartitioner(partitioner, c => c.Message.PlayerId));
    }
}
