using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// A player's save head (collection <c>saves</c>, id = player): the current revision and the outcomes of the
/// latest uploads and restores, so a repeated command is answered from here instead of being applied again.
/// </summary>
public sealed class SaveHead
{
    public Guid PlayerId { get; set; }

    public long Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Newest last; bounded by <see cref="SaveRepository.RecentOutcomesKept"/>.</summary>
    public List<SaveOutcomeRecord> RecentOutcomes { get; set; } = [];
}

/// <summary>What one upload or restore command did.</summary>
public sealed class SaveOutcomeRecord
{
    public Guid CommandId { get; set; }

    /// <summary><c>accepted</c>, <c>kept-server</c>, <c>conflict-device</c>, <c>conflict-server</c> or <c>restored</c>.</summary>
    public string Kind { get; set; } = "";

    public long BaseRevision { get; set; }

    public long Revision { get; set; }

    public string Checksum { get; set; } = "";

    public List<string> MigrationSteps { get; set; } = [];

    public string? DecidedBy { get; set; }

    /// <summary>The loser of a conflict, or the pre-restore backup of a restore.</summary>
    public Guid? BackupId { get; set; }

    public Guid? RestoredFromBackupId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// One revision of a player's save (collection <c>save_revisions</c>). The id orders newest first, so the
/// indexed query by player returns the latest N without reading the whole history.
/// </summary>
public sealed class SaveRevision
{
    public Guid PlayerId { get; set; }

    public long Revision { get; set; }

    public long BaseRevision { get; set; }

    /// <summary><c>upload</c>, <c>conflict</c>, <c>keep</c> or <c>restore</c>.</summary>
    public string Source { get; set; } = "";

    public Guid? CommandId { get; set; }

    public Guid? RestoredFromBackupId { get; set; }

    public string Checksum { get; set; } = "";

    public GameSave Save { get; set; } = new();

    /// <summary>The state this revision made current; the base of uploads that were built on this revision.</summary>
    public PlayerState State { get; set; } = new();

    /// <summary>For revision 1 only: the state the first upload was validated against (the base of revision 0).</summary>
    public PlayerState? BaseState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A restorable copy of a player's save (collection <c>save_backups</c>, id = backup id).</summary>
public sealed class SaveBackup
{
    public Guid BackupId { get; set; }

    public Guid PlayerId { get; set; }

    /// <summary><c>manual</c>, <c>nightly</c>, <c>conflict</c> or <c>pre-restore</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>UTC day of a nightly backup (<c>yyyy-MM-dd</c>); retention groups by it.</summary>
    public string Day { get; set; } = "";

    /// <summary>The save revision current when the backup was made.</summary>
    public long Revision { get; set; }

    public string Checksum { get; set; } = "";

    public GameSave Save { get; set; } = new();

    public PlayerState State { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>"This player was active on this UTC day" (collection <c>save_activity</c>); the nightly run consumes the marks.</summary>
public sealed class ActivityMark
{
    public Guid PlayerId { get; set; }

    public string Day { get; set; } = "";
}

/// <summary>An upload refused by the rules, kept for anti-cheat review (collection <c>save_rejections</c>).</summary>
public sealed class SaveRejection
{
    public Guid CommandId { get; set; }

    public Guid PlayerId { get; set; }

    public string Code { get; set; } = "";

    public List<SaveRuleViolation> Rules { get; set; } = [];

    public long BaseRevision { get; set; }

    public string Save { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
