using LlamaWoolFarm.Contracts.Saves;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Tells the player's devices a backup became the current save, as <c>backupRestored</c>.</summary>
public sealed class BackupRestoredRelayConsumer(PlayerPush push) : IConsumer<BackupRestored>
{
    public Task Consume(ConsumeContext<BackupRestored> context) =>
        push.SendAsync(context, context.Message.PlayerId, "backupRestored", context.Message);
}
