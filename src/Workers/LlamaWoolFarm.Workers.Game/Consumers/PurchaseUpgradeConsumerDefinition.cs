using LlamaWoolFarm.Contracts.Game;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>One player's commands in order within a process.</summary>
public sealed class PurchaseUpgradeConsumerDefinition : PlayerPartitionedDefinition<PurchaseUpgradeConsumer, PurchaseUpgrade>
{
    protected override Guid PlayerOf(PurchaseUpgrade message) => message.PlayerId;

    protected override bool AcceptedCommand => true;
}
