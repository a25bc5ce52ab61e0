using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Backpressure;

/// <summary>Takes a game worker's backlog report; every gateway has its own temporary queue for them.</summary>
public sealed class CommandBacklogReportedConsumer(CommandBacklog backlog) : IConsumer<CommandBacklogReported>
{
    public Task Consume(ConsumeContext<CommandBacklogReported> context)
    {
        backlog.Report(context.Message);
        return Task.CompletedTask;
    }
}
