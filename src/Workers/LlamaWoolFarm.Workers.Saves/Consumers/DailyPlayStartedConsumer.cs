using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>
/// Marks a player who started playing on a day as active, so the nightly run backs them up. The game worker says so
/// once per player and day; a repeated event writes nothing (the mark's id is player and day).
/// </summary>
public sealed class DailyPlayStartedConsumer(SaveRepository repository) : IConsumer<DailyPlayStarted>
{
    public Task Consume(ConsumeContext<DailyPlayStarted> context) =>
        repository.MarkActiveAsync(context.Message.PlayerId, context.Message.At, context.CancellationToken);
}
