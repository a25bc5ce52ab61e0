using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>An event was finalized: it leaves the running set (its effects already stopped at its end time).</summary>
public sealed class EventEffectsFinishedConsumer(RunningEventEffects effects) : IConsumer<CompetitionEventFinished>
{
    public Task Consume(ConsumeContext<CompetitionEventFinished> context) => effects.FinishedAsync(context.Message, context.CancellationToken);
}
