using LlamaWoolFarm.Contracts.Players;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>One player's heartbeats in order within a process.</summary>
public sealed class PlayerActivityConsumerDefinition : PlayerPartitionedDefinition<PlayerActivityConsumer, PlayerActivity>
{
    protected override Guid PlayerOf(PlayerActivity message) => message.PlayerId;
}
