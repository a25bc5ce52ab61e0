using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>Records a started event's window, so uploads made during it are bounded with its effects.</summary>
public sealed class SaveEventWindowConsumer(SaveEventWindows windows) : IConsumer<CompetitionEventStarted>
{
    public Task Consume(ConsumeContext<CompetitionEventStarted> context) =>
        windows.StartedAsync(context.Message, context.CancellationToken);
}
