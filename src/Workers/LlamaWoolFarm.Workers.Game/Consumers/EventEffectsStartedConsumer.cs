using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>An event began: its effects apply to every rule call inside its window.</summary>
public sealed class EventEffectsStartedConsumer(RunningEventEffects effects) : IConsumer<CompetitionEventStarted>
{
    public Task Consume(ConsumeContext<CompetitionEventStarted> context) => effects.StartedAsync(context.Message, context.CancellationToken);
}
