using LlamaWoolFarm.Contracts.Game;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>One player's commands in order within a process.</summary>
public sealed class ClaimOfflineProgressConsumerDefinition : PlayerPartitionedDefinition<ClaimOfflineProgressConsumer, ClaimOfflineProgress>
{
    protected override Guid PlayerOf(ClaimOfflineProgress message) => message.PlayerId;

    protected override bool AcceptedCommand => true;
}
