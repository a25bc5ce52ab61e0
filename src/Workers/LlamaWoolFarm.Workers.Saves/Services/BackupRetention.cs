using System.Globalization;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// Which nightly backups of one player to keep: the newest of each of the <c>daily</c> most recent days that have
/// one, then the newest of each of the <c>weekly</c> most recent ISO weeks among the older ones. Manual, conflict
/// and pre-restore backups are the player's own and are never pruned.
/// </summary>
public static class BackupRetention
{
    public static IReadOnlyList<SaveBackup> ToDelete(IEnumerable<SaveBackup> backups, int daily, int weekly)
    {
        var nightly = backups
            .Where(b => b.Kind == BackupService.Nightly)
            .OrderByDescending(b => b.Day, StringComparer.Ordinal)
            .ThenByDescending(b => b.CreatedAt)
            .ToList();
        var keep = new HashSet<Guid>();
        var days = new HashSet<string>(StringComparer.Ordinal);
        var weeks = new HashSet<(int Year, int Week)>();
        foreach (var backup in nightly)
        {
            if (days.Count < daily || days.Contains(backup.Day))
            {
                if (days.Add(backup.Day))
                {
                    keep.Add(backup.BackupId);
                }

                continue;
            }

            var date = DateTime.ParseExact(backup.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var week = (ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
            if (weeks.Count < weekly && weeks.Add(week))
            {
                keep.Add(backup.BackupId);
            }
        }

        return [.. nightly.Where(b => !keep.Contains(b.BackupId))];
    }
}
