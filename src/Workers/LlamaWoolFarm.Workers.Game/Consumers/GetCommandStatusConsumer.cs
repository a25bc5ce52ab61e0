using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Answers the outcome of a game command for clients without a live connection.</summary>
public sealed class GetCommandStatusConsumer(GameCommandService service) : IConsumer<GetCommandStatus>
{
    public async Task Consume(ConsumeContext<GetCommandStatus> context) =>
        await context.RespondAsync(await service.GetCommandStatusAsync(context.Message, context.CancellationToken));
}
