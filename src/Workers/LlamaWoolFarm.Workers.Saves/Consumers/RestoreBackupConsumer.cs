using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Saves.Consumers;

/// <summary>
/// Restores a backup as a new revision; answers restored (also published) or not found. A deleted player (the
/// accounts worker holds the tombstone) has no backups to restore, whatever a restored database still holds.
/// </summary>
public sealed class RestoreBackupConsumer(BackupService service, IRequestClient<GetAccountStatus> accounts, ILogger<RestoreBackupConsumer> logger) : IConsumer<RestoreBackup>
{
    public async Task Consume(ConsumeContext<RestoreBackup> context)
    {
        var m = context.Message;
        var status = await accounts.GetResponse<AccountStatus>(new GetAccountStatus(m.PlayerId), context.CancellationToken, RequestTimeout.After(s: 10));
        if (status.Message.Status == AccountStatuses.Deleted)
        {
            logger.LogWarning("Refused to restore backup {BackupId} of deleted player {PlayerId}", m.BackupId, m.PlayerId);
        }

        var (restored, notFound) = status.Message.Status == AccountStatuses.Deleted
            ? (null, new BackupNotFound(m.CommandId, m.PlayerId, m.BackupId))
            : await service.RestoreAsync(m, context.CancellationToken);
        object answer = (object?)restored ?? notFound!;
        if (context.RequestId.HasValue)
        {
            await context.RespondAsync(answer);
        }

        if (restored is not null)
        {
            await context.Publish(restored, context.CancellationToken);
        }
    }
}
