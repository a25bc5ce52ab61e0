using LlamaWoolFarm.Contracts.Game;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>One player's commands in order within a process.</summary>
public sealed class PerformPrestigeConsumerDefinition : PlayerPartitionedDefinition<PerformPrestigeConsumer, PerformPrestige>
{
    protected override Guid PlayerOf(PerformPrestige message) => message.PlayerId;

    protected override bool AcceptedCommand => true;
}
