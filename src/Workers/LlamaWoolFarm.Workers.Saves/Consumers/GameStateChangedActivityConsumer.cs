using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Marks a player who played today as active, so the nightly run backs them up.</summary>
public sealed class GameStateChangedActivityConsumer(ActivityTracker tracker) : IConsumer<GameStateChanged>
{
    public Task Consume(ConsumeContext<GameStateChanged> context) =>
        tracker.MarkAsync(context.Message.PlayerId, context.Message.At, context.CancellationToken);
}
