using System.Text.Json;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Saves.Services;

namespace LlamaWoolFarm.Workers.Saves.ObjectStore;

/// <summary>
/// Reads a backup object back and checks it before anything is restored from it: it must parse, name the player it is
/// filed under and the id it was asked by, and its state must give the checksum recorded when it was made (the bucket
/// is outside this server's control; a damaged or hand-edited object is refused, not restored).
/// </summary>
public static class BackupObjectCheck
{
    public static SaveBackup Read(string text, Guid playerId, Guid backupId)
    {
        SaveBackup? backup;
        try
        {
            backup = JsonSerializer.Deserialize<SaveBackup>(text, DocumentJson.Options);
        }
        catch (JsonException e)
        {
            throw new BackupObjectUnreadableException($"Backup object {backupId:N} of player {playerId:N} is not valid JSON: {e.Message}", e);
        }

        if (backup is null || backup.PlayerId != playerId || backup.BackupId != backupId || string.IsNullOrEmpty(backup.State.PlayerId))
        {
            throw new BackupObjectUnreadableException($"Backup object {backupId:N} of player {playerId:N} does not hold that player's backup with that id.");
        }

        string checksum;
        try
        {
            var save = SaveConversion.ToSave(backup.State);
            save.Revision = backup.Revision;
            checksum = SaveChecksum.Compute(save);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new BackupObjectUnreadableException($"Backup object {backupId:N} of player {playerId:N} holds a state that is not a save: {e.Message}", e);
        }

        return checksum == backup.Checksum
            ? backup
            : throw new BackupObjectUnreadableException($"Backup object {backupId:N} of player {playerId:N} does not match its checksum (damaged or edited).");
    }
}
