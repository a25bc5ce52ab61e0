using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Workers.Game.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Consumers;

/// <summary>Commits the state of an accepted upload or a restore, or answers that it lost to a newer write.</summary>
public sealed class ReplaceGameStateFromSaveConsumer(SaveStateService service) : IConsumer<ReplaceGameStateFromSave>
{
    public async Task Consume(ConsumeContext<ReplaceGameStateFromSave> context) =>
        await context.RespondAsync(await service.ReplaceAsync(context.Message, context.CancellationToken));
}
