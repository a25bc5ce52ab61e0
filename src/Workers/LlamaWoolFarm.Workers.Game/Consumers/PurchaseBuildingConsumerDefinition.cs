using LlamaWoolFarm.Contracts.Game;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>One player's commands in order within a process.</summary>
public sealed class PurchaseBuildingConsumerDefinition : PlayerPartitionedDefinition<PurchaseBuildingConsumer, PurchaseBuilding>
{
    protected override Guid PlayerOf(PurchaseBuilding message) => message.PlayerId;

    protected override bool AcceptedCommand => true;
}
