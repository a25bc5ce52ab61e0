using LlamaWoolFarm.Contracts.Game;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>One player's click batches in order within a process.</summary>
public sealed class SubmitClicksConsumerDefinition : PlayerPartitionedDefinition<SubmitClicksConsumer, SubmitClicks>
{
    protected override Guid PlayerOf(SubmitClicks message) => message.PlayerId;

    protected override bool AcceptedCommand => true;
}
