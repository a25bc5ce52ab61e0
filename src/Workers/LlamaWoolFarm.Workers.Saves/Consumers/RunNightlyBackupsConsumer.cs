using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>The nightly job the recurring schedule sends: back up active players, then prune by retention.</summary>
public sealed class RunNightlyBackupsConsumer(BackupService service) : IConsumer<RunNightlyBackups>
{
    public Task Consume(ConsumeContext<RunNightlyBackups> context) => service.RunNightlyAsync(context.CancellationToken);
}
