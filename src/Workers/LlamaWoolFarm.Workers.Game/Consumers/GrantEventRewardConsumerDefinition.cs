using LlamaWoolFarm.Contracts.Events;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>A reward writes the player's state like their own commands, so it joins their partition.</summary>
public sealed class GrantEventRewardConsumerDefinition : PlayerPartitionedDefinition<GrantEventRewardConsumer, GrantEventReward>
{
    protected override Guid PlayerOf(GrantEventReward message) => message.PlayerId;
}
